/** The bytes on a protocol pipe are not a well-formed frame or message. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProtocolError";
  }
}
