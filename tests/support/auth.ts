/** Signing in against a running server, as a client would. */
export interface SignedIn {
  token: string;
  cookie: string;
  user: { id: string; username: string; role: string; departmentId: string | null };
}

export async function signIn(baseUrl: string, username: string, password = 'demo'): Promise<SignedIn> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${username} failed: ${response.status}`);
  const body = (await response.json()) as Omit<SignedIn, 'cookie'>;
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
  return { ...body, cookie };
}
