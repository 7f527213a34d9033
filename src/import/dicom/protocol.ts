/** Messages between the page and the header-reading worker. */
import type { HeaderResult } from './header';

export interface WorkerRequest {
  batch: number;
  files: File[];
}

export interface WorkerReply {
  batch: number;
  /** One result per file of the request, in the same order. */
  results: HeaderResult[];
}
