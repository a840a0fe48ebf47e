// The request code as a QR code. The payload is the code string itself: upper-case Crockford
// characters and dashes are all in QR's alphanumeric set, 5.5 bits a character instead of 8.
import QRCode from 'qrcode';
import type { RequestCode } from './request-code.js';

/** An SVG document, to show in the companion or save beside the request file. */
export const requestQrSvg = (request: Pick<RequestCode, 'code'>): Promise<string> =>
  QRCode.toString([{ data: request.code, mode: 'alphanumeric' }], { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
