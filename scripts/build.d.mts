/** Types of build.mjs, for the test support that imports it. */
export type BuildTarget = 'client' | 'server';

/** The built server's entry points, absolute paths. */
export declare const SERVER_ENTRIES: { readonly main: string; readonly admin: string };

/** A hash of the target's inputs: their paths and contents. */
export declare function inputsHash(target: BuildTarget): string;

/** Whether the target's last build was made from the inputs as they are now. */
export declare function isUpToDate(target: BuildTarget): boolean;

/** Builds `target` (always, or only if its inputs changed) and stamps the output; true if it built. */
export declare function build(target: BuildTarget, options?: { ifChanged?: boolean }): Promise<boolean>;
