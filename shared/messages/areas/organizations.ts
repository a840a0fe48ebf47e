// Organizations: sign-up's organization, members, co-worker invitations, Partner ID requests.
import { area } from '../area.js';

export const organizations = area({}, {}, {});
