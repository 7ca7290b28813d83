/** What the owner-only 群机器人设置 dialog and its server functions exchange (types only). */
import type { SidebarSetup } from './sidebars';

export type RobotStatus = 'ok' | 'unset' | 'refused' | 'retrying';

export interface RobotView {
  /** The 配置 › 通知 name (the key the address and secret are stored under). */
  name: string;
  /** 企业微信 / 钉钉 / 飞书, as 配置 says; '' for a stored robot 配置 no longer has. */
  platform: string;
  /** What it is sent, in words; '' when 配置 has no row for it. */
  events: string;
  /** Whether 配置 › 通知 has a row of that name. */
  inConfig: boolean;
  /** Whether the platform signs (钉钉 加签, 飞书 签名校验): the dialog asks for a secret only then. */
  signs: boolean;
  /** The stored address with its token masked, or '' when none is stored. */
  url: string;
  /** The stored secret masked (its last characters only), or '' when none. */
  secret: string;
  status: RobotStatus;
  /** The platform's code and words when refused, or when the next try is due. */
  detail: string;
  /** Messages waiting for it in 通知队列. */
  waiting: number;
}

export interface RobotSettings extends SidebarSetup {
  owner: string;
  robots: RobotView[];
  /** What the last action did, in words ('' after the first load). */
  done: string;
}

export type RobotAction = 'resume' | 'purge' | 'forget' | 'test';
