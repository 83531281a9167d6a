// The SDK's fetch handler, with one addition: it hands the runtime the request body in many
// small pieces and notes whether the runtime ever took the last one. workerd reports a
// refused connection and one lost after the request left with the same error (workerd
// #7195), but it only takes the whole body when it has somewhere to write it: a call that
// failed before the last piece was taken cannot have reached SES as a whole request.
import { FetchHttpHandler } from "@smithy/fetch-http-handler";

type Handle = FetchHttpHandler["handle"];
type SdkRequest = Parameters<Handle>[0];

/** The call failed and SES certainly never had the whole request: safe to send again. */
export class RequestNotSentError extends Error {
  override name = "RequestNotSent";
  constructor(cause: unknown) {
    super(`the request never fully left: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Enough pieces that a runtime which reads ahead of its connection (workerd takes up to three
 * before it knows the connect failed) is still far from the end. Counted, not sized: a
 * SendRawEmail body may be only a few KB. Not many more: each piece is one read the isolate
 * must serve, and a busy isolate serving 64 of them made a request's last byte reach SES
 * tens of milliseconds after its slot.
 */
export const BODY_PIECES = 12;

/** The call was held for its slot and could not leave in time: it was never made. */
export class CallTooLateError extends Error {
  override name = "CallTooLate";
}

/**
 * Per call: hold the signed request until `releaseAt` (epoch ms), and do not make it at all
 * past `notAfter`. The check sits here, after serialising and signing, right before the
 * runtime's fetch, so the time a call leaves is its slot's, whatever the SDK's own work cost.
 */
export interface ReleaseOptions {
  releaseAt?: number;
  notAfter?: number;
}

export class TrackedBodyHandler extends FetchHttpHandler {
  override async handle(request: SdkRequest, options?: Parameters<Handle>[1] & ReleaseOptions): ReturnType<Handle> {
    if (options?.releaseAt !== undefined) {
      const wait = options.releaseAt - Date.now();
      if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    if (options?.notAfter !== undefined && Date.now() > options.notAfter) throw new CallTooLateError(`held past its slot by ${Date.now() - options.notAfter} ms`);
    const bytes = bodyBytes(request.body);
    if (!bytes) return super.handle(request, options);
    const body = piecewiseBody(bytes, BODY_PIECES);
    try {
      // FetchHttpHandler reads only the request's fields, not its methods.
      return await super.handle({ ...request, body: body.stream } as SdkRequest, options);
    } catch (err) {
      // Sealing makes the answer final: a fetch that outlived its timeout can take no more.
      if (body.sealUnlessTaken()) throw new RequestNotSentError(err);
      throw err;
    }
  }
}

function bodyBytes(body: unknown): Uint8Array | undefined {
  if (typeof body === "string") return body.length > 0 ? new TextEncoder().encode(body) : undefined;
  if (body instanceof Uint8Array) return body.byteLength > 0 ? body : undefined;
  return undefined;
}

export interface PiecewiseBody {
  stream: ReadableStream<Uint8Array>;
  /** True when the runtime has taken the last piece. */
  taken(): boolean;
  /** If the last piece was not taken, errors the stream so it never will be, and says true. */
  sealUnlessTaken(): boolean;
}

/** A stream that gives `bytes` in about `pieces` parts, one per read and none ahead of it. */
export function piecewiseBody(bytes: Uint8Array, pieces: number): PiecewiseBody {
  const size = Math.max(1, Math.ceil(bytes.byteLength / pieces));
  let offset = 0;
  let sealed = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const source: UnderlyingDefaultSource<Uint8Array> & { expectedLength: number } = {
    // workerd drops a stream body's Content-Length header and sends it chunked unless it
    // knows the length; SigV4 signed that header, and SES expects it.
    expectedLength: bytes.byteLength,
    start(c) {
      controller = c;
    },
    pull(c) {
      if (sealed) return;
      c.enqueue(bytes.slice(offset, offset + size));
      offset = Math.min(bytes.byteLength, offset + size);
      if (offset === bytes.byteLength) c.close();
    },
  };
  // Nothing is read ahead: a piece leaves this stream only when the runtime asks for it.
  const stream = new ReadableStream<Uint8Array>(source, { highWaterMark: 0 });
  const taken = () => offset === bytes.byteLength;
  return {
    stream,
    taken,
    sealUnlessTaken() {
      if (taken()) return false;
      sealed = true;
      controller.error(new Error("the call already failed"));
      return true;
    },
  };
}
