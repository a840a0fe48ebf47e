// (filled in by the conversion of this area's messages)
import { area } from '../area.js';

export const site = area({}, {}, {});
