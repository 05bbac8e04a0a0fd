/**
 * Repairs the framing of LSP messages on standard input before vscode-jsonrpc reads them.
 *
 * The JSON-RPC reader trusts every `Content-Length`: after one missing, non-numeric, too
 * short or too long, it reads the wrong bytes as the next message and waits forever. This
 * stream passes well-framed messages through unchanged and drops a broken one, finding the
 * next message by its `Content-Length:` header, so one bad message costs one message.
 *
 * How a wrong length is seen: outside its strings, a JSON body never has a capital `C`, so
 * one there is the next message's `Content-Length:` (the announced length was too long); a
 * body that does not start with `{` or `[` and end with `}` or `]` was cut short.
 */
import { Transform, type TransformCallback } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n');
const NEXT_HEADER = Buffer.from('Content-Length:');
const MAX_HEADER_BYTES = 8 * 1024;
const MAX_BODY_BYTES = 1024 * 1024 * 1024;

export class FramingRepair extends Transform {
  /** Bytes not yet framed (header mode). */
  private pending: Buffer = Buffer.alloc(0);
  /** The header of the message whose body is being read, or undefined in header mode. */
  private header: Buffer | undefined;
  private bodyLength = 0;
  private body: Buffer[] = [];
  private bodyReceived = 0;
  /** Set from a dropped message until the next good one: one problem, one report. */
  private resyncing = false;
  /** Where the scan of the body is: inside a JSON string, just after a backslash in one. */
  private inString = false;
  private escaped = false;

  constructor(private readonly report: (problem: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.accept(chunk);
    done();
  }

  private accept(chunk: Buffer): void {
    let data = chunk;
    while (data.length) {
      if (this.header) {
        data = this.readBody(data);
        continue;
      }
      this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
      data = this.readHeader();
    }
  }

  /** Frames a header from `pending`; returns the bytes after it (the body's start), or nothing if it must wait. */
  private readHeader(): Buffer {
    for (;;) {
      const end = this.pending.indexOf(HEADER_END);
      if (end < 0) {
        if (this.pending.length <= MAX_HEADER_BYTES) return Buffer.alloc(0);
        this.skipToNextHeader(1, 'a header without an end');
        continue;
      }
      const length = contentLength(this.pending.subarray(0, end).toString('latin1'));
      if (length === undefined) {
        this.skipToNextHeader(1, 'a header without a valid Content-Length');
        continue;
      }
      this.header = this.pending.subarray(0, end + HEADER_END.length);
      this.bodyLength = length;
      this.body = [];
      this.bodyReceived = 0;
      this.inString = false;
      this.escaped = false;
      const rest = this.pending.subarray(end + HEADER_END.length);
      this.pending = Buffer.alloc(0);
      return rest;
    }
  }

  /** Takes body bytes from `data`; returns what is left after the body. */
  private readBody(data: Buffer): Buffer {
    const part = data.subarray(0, this.bodyLength - this.bodyReceived);
    const rest = data.subarray(part.length);
    // A header inside the body: the announced length was too long.
    const at = this.findCapitalC(part);
    if (at >= 0) {
      this.dropBroken(`a message whose Content-Length (${this.bodyLength}) was longer than its body`);
      this.header = undefined;
      this.body = [];
      return Buffer.concat([part.subarray(at), rest]);
    }
    this.body.push(part);
    this.bodyReceived += part.length;
    if (this.bodyReceived < this.bodyLength) return rest;
    const body = Buffer.concat(this.body);
    const header = this.header!;
    this.header = undefined;
    this.body = [];
    if (looksLikeJson(body)) {
      this.resyncing = false;
      this.push(header);
      this.push(body);
      return rest;
    }
    this.dropBroken(`a message whose body is not JSON (its Content-Length, ${this.bodyLength}, was probably wrong)`);
    // What follows may be the rest of that body: look for the next header.
    this.pending = rest;
    this.skipToNextHeader(0, undefined);
    const next = this.pending;
    this.pending = Buffer.alloc(0);
    return next;
  }

  /** The first capital C outside a JSON string in `part` (the scan goes on from the last chunk's state). */
  private findCapitalC(part: Buffer): number {
    let inString = this.inString;
    let escaped = this.escaped;
    for (let i = 0; i < part.length; i++) {
      const byte = part[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === 0x5c) escaped = true;
        else if (byte === 0x22) inString = false;
      } else if (byte === 0x22) inString = true;
      else if (byte === 0x43) return i;
    }
    this.inString = inString;
    this.escaped = escaped;
    return -1;
  }

  private dropBroken(what: string): void {
    if (!this.resyncing) this.report(`dropped ${what}`);
    this.resyncing = true;
  }

  private skipToNextHeader(from: number, problem: string | undefined): void {
    if (problem) this.dropBroken(problem);
    const at = this.pending.indexOf(NEXT_HEADER, from);
    this.pending = at >= 0 ? this.pending.subarray(at) : this.pending.subarray(Math.max(from, this.pending.length - NEXT_HEADER.length + 1));
  }
}

/** The Content-Length of a header block, if every line is a header field and the length is sound. */
function contentLength(header: string): number | undefined {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const field = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$/.exec(line);
    if (!field) return undefined;
    if (field[1].toLowerCase() !== 'content-length') continue;
    if (!/^\d{1,10}$/.test(field[2].trim())) return undefined;
    length = Number(field[2].trim());
  }
  return length !== undefined && length > 0 && length <= MAX_BODY_BYTES ? length : undefined;
}

function looksLikeJson(body: Buffer): boolean {
  let start = 0;
  let end = body.length - 1;
  while (start <= end && isSpace(body[start])) start++;
  while (end >= start && isSpace(body[end])) end--;
  if (start > end) return false;
  return (body[start] === 0x7b && body[end] === 0x7d) || (body[start] === 0x5b && body[end] === 0x5d);
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}
