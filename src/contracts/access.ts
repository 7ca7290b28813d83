/** What the owner-only access dialog and its server functions exchange (types only). */
import type { SidebarSetup } from './sidebars';

export interface AccessSettings extends SidebarSetup {
  /** The owner (who set up the add-on), who may always edit 配置 and 历史 and change these lists. */
  owner: string;
  /** May reveal 联系地址/证件号码. */
  reveal: string[];
  /** May edit 配置 besides the owner. */
  admins: string[];
  /** The 配置 › 员工 rows, to pick from. */
  staff: { email: string; name: string }[];
}
