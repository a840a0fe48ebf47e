// TOTP (RFC 6238) through otplib: 6 digits, 30-second steps, one step of clock drift either way.
// The time step a code matched is returned so the caller can refuse the same code twice.
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

const PERIOD = 30;

export const newTotpSecret = () => generateSecret();

export async function totpEnrolment(secret: string, email: string) {
  const otpauthUri = generateURI({ issuer: 'BMS Registration Portal', label: email, secret });
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUri, qrSvg };
}

/** The time step the code belongs to, or null when it is not valid now. */
export async function totpStep(secret: string, code: string, now = Date.now()): Promise<number | null> {
  const result = await verify({ secret, token: code, epoch: Math.floor(now / 1000), epochTolerance: PERIOD });
  if (!result.valid) return null;
  return Math.floor(now / 1000 / PERIOD) + result.delta;
}
