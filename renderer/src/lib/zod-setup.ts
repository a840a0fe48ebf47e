// The renderer validates forms with the shared zod schemas. zod's fast path compiles parsers with
// `new Function`, which the CSP (script-src 'self', no 'unsafe-eval') refuses: turn it off before
// anything parses, so no CSP violation is ever raised.
import { z } from 'zod';

z.config({ jitless: true });
