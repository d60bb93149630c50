import { Decoder, Encoder, type Packet } from 'socket.io-parser';

/** The method Socket.IO's encoder keeps private: one packet as one text frame. */
interface TextEncoding {
  encodeAsString(packet: Packet): string;
}

/**
 * Socket.IO's encoder walks every outgoing event's whole payload looking for Buffers, to send them as
 * binary attachments: for each message, the ack and every push to agents. Hilo's events carry JSON
 * only (the event maps in @hilo/shared have no binary type; files go over HTTP), so events go out as
 * text at once. Incoming packets still use Socket.IO's own decoder.
 */
class TextEncoder extends Encoder {
  override encode(packet: Packet): string[] {
    return [(this as unknown as TextEncoding).encodeAsString(packet)];
  }
}

/** For `new Server(…, { parser })`. */
export const textParser = { Encoder: TextEncoder, Decoder };
