import { SkipError } from "../errors.js";

/** The address is private, loopback, link-local or otherwise not on the public internet. */
export class BlockedAddressError extends SkipError {
  constructor(reason: string) {
    super(reason);
    this.name = "BlockedAddressError";
  }
}
