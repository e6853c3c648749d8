/** Bounds that keep one client from taking the service down. */
export interface ServiceLimits {
  /** Largest request body, in bytes (default 1 MiB). */
  readonly maxBodyBytes: number;
  /** Most records in one request (default 1000). */
  readonly maxRecords: number;
  /** Time a client has to send its headers (default 10 s). */
  readonly headersTimeoutMs: number;
  /** Time a client has to send its body once the headers are in (default 10 s). */
  readonly bodyTimeoutMs: number;
  /**
   * Idle time before a kept-alive connection is closed (default 30 s). Long, so
   * that a client or a service paused for a few seconds does not meet a close
   * racing its next request (ECONNRESET under load).
   */
  readonly keepAliveTimeoutMs: number;
  /** Time requests in flight get to finish at shutdown before their connections are cut (default 10 s). */
  readonly shutdownGraceMs: number;
  /** Most open connections; more are refused (default 1024). */
  readonly maxConnections: number;
  /**
   * Work done on one request's records before the event loop is given back
   * to the others (default 5 ms): a large, costly request cannot hold the rest.
   */
  readonly checkSliceMs: number;
}

export const DEFAULT_LIMITS: ServiceLimits = {
  maxBodyBytes: 1024 * 1024,
  maxRecords: 1000,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  keepAliveTimeoutMs: 30_000,
  shutdownGraceMs: 10_000,
  maxConnections: 1024,
  checkSliceMs: 5,
};
