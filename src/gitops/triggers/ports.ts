import type { Application, ApplicationSource } from '../app/types.js';

/** What the triggers need of Git: which repositories are hosted, fetching external ones, and resolving revisions. */
export interface TriggerGit {
  isHosted(repoURL: string): boolean;
  /** Brings the local copy of an external repository up to date now. */
  fetch(repoURL: string): Promise<void>;
  resolveRevision(repoURL: string, targetRevision: string): Promise<string>;
}

/** What the triggers need of the Application controller: its apps, and a way to refresh some. */
export interface AppRefresher {
  applications(): Application[];
  refreshWhere(matches: (repoURL: string) => boolean, select?: (source: ApplicationSource, app: Application) => boolean): void;
}

/** What the triggers need of the ApplicationSet controller: refresh the sets whose git generators read a repository. */
export interface AppSetRefresher {
  refreshWhere(matches: (repoURL: string) => boolean): void;
}
