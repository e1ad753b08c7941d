/** One registration as a store holds it: its name, its data decoded to text, and a version that changes with it. */
export interface RegistrationRecord {
  name: string;
  data: Record<string, string>;
  version: string;
}

/** What reconciling a registration came to, reported where whoever wrote it can see it. */
export interface RegistrationReport {
  /** Registered: its cluster secret is current. Invalid: the registration must be fixed. Pending: waiting on something else (a credentials secret, a conflict). */
  state: 'Registered' | 'Invalid' | 'Pending';
  message: string;
  /** The cluster secret it maps to (`argocd/cluster-dev`), when known. */
  clusterSecret?: string;
  /** registrationDigest of the data this report is about, so a writer can wait for the outcome of what it wrote. */
  observed?: string;
}

/**
 * A secret store that holds registrations: the provider interface of the fleet controller. The
 * Kubernetes provider reads Secrets in a hub namespace; a later provider reads AWS Secrets Manager
 * or Vault behind the same methods. Names are the store's own (`cluster-registration-dev`).
 */
export interface RegistrationStore {
  /** What the store is, for messages ("Secrets in namespace gantry-fleet"). */
  readonly description: string;
  /** How a registration is named outside the store, on cluster secrets and in messages (`gantry-fleet/cluster-registration-dev`). */
  refOf(name: string): string;
  /** The store name of a ref this store made, or undefined for any other ref. */
  nameOfRef(ref: string): string | undefined;
  /**
   * Starts watching and resolves once the first listing is in. `onChange` gets the name of every
   * secret of the store that changes (registrations and the credentials secrets they name).
   */
  watch(onChange: (name: string) => void): Promise<void>;
  /** The names of the registrations: from the watch once it runs, else read from the store. */
  list(): Promise<string[]>;
  /** A registration (from the watch once it runs and holds it): undefined only when the store itself says it does not exist; throws when the store cannot answer. */
  get(name: string): Promise<RegistrationRecord | undefined>;
  /** Another secret of the store (credentials), decoded; undefined when it does not exist. */
  readSecret(name: string): Promise<Record<string, string> | undefined>;
  /** Writes a registration (the JSON under `config`). */
  put(name: string, json: string): Promise<void>;
  /** Writes another secret of the store (the credentials a registration names). */
  putSecret(name: string, data: Record<string, string>): Promise<void>;
  /** Deletes a registration; resolves false when there was none. */
  remove(name: string): Promise<boolean>;
  /**
   * Records a reconcile's outcome on the registration; resolves false only when the store already
   * records this outcome (a store that keeps no outcomes resolves true, so every verdict is logged).
   */
  report(name: string, report: RegistrationReport): Promise<boolean>;
  /** The last outcome recorded on a registration, if the store keeps one. */
  lastReport(name: string): Promise<RegistrationReport | undefined>;
  stop(): void;
}
