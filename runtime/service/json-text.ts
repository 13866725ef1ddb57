import { gzipSync } from 'node:zlib';

/** A text (JSON, or HTML) and, made on first need, its gzip. */
export class JsonText {
  #gz: Uint8Array<ArrayBuffer> | undefined;
  constructor(readonly text: string) {}
  get gzip(): Uint8Array<ArrayBuffer> {
    this.#gz ??= new Uint8Array(gzipSync(this.text));
    return this.#gz;
  }
}
