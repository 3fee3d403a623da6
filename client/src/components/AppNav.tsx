/**
 * The main navigation between the workspace's screens. Administration shows only for
 * administrators, the audit log export for the kommunchef (an admin finds it under
 * Administration). A role that may import nothing (a läsare) finds "Export" where the others
 * find "Import och export".
 */
import { importKindsFor } from '@foljsam/domain';
import { A } from '@solidjs/router';
import type { JSX } from 'solid-js';
import type { SessionUser } from '../api';
import { t } from '../i18n';

export function AppNav(props: {
  role: SessionUser['role'] | null;
  /** A query every link carries (the workspace year, `?ar=2016`), or ''. */
  search?: string;
  /** Called when a link is followed (the narrow screen's menu closes). */
  onNavigate?: () => void;
}): JSX.Element {
  const links = () => [
    { href: '/oversikt', label: t().nav.overview },
    { href: '/uppdrag', label: t().nav.assignments },
    { href: '/mal', label: t().nav.goals },
    { href: '/plan', label: t().plan.nav },
    { href: '/rapport', label: t().nav.report },
    { href: '/ekonomi', label: t().nav.economy },
    { href: '/styrelserapport', label: t().board.nav },
    {
      href: '/import',
      label: props.role && importKindsFor(props.role).length > 0 ? t().import.nav : t().import.exportOnly,
    },
    ...(props.role === 'admin' ? [{ href: '/admin', label: t().admin.nav }] : []),
    ...(props.role === 'admin' || props.role === 'kommunchef'
      ? [{ href: '/logg', label: t().admin.auditNav }]
      : []),
  ];
  return (
    <nav class="app-nav" aria-label={t().nav.label}>
      <ul>
        {links().map((link) => (
          <li>
            <A href={`${link.href}${props.search ?? ''}`} onClick={() => props.onNavigate?.()}>
              {link.label}
            </A>
          </li>
        ))}
      </ul>
    </nav>
  );
}
