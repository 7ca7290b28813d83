/** What the owner-only 表单工具推送 dialog and its server functions exchange (types only). */
import type { SidebarSetup } from './sidebars';

export type FormToolCode = 'jinshuju' | 'wjx' | 'tencent';

export interface FormToolPushState {
  tool: FormToolCode;
  /** The tool's name as people write it (金数据, 问卷星, 腾讯问卷). */
  name: string;
  /** Whether its pushes are taken: a token exists. */
  enabled: boolean;
  /** The URL (with its token) to paste into the tool's push settings; null when off or the web app is not deployed. */
  pushUrl: string | null;
  /** 问卷星 only: whether a 推送密钥 is set (the key itself never leaves the server). */
  signKeySet?: boolean;
}

export interface FormToolSettings extends SidebarSetup {
  /** The owner (who set the add-on up), the only one who sees and changes these. */
  owner: string;
  /** The web app's URL (…/exec); null before the owner deploys the script as a web app. */
  webAppUrl: string | null;
  tools: FormToolPushState[];
}
