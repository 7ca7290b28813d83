/** What the owner-only 短信设置 dialog and its server functions exchange (types only). */
import type { SmsConfigGap, SmsKeyProvider } from '../domain/sms-settings';
import type { SidebarSetup } from './sidebars';

export type SmsStatus = 'ok' | 'unset' | 'refused' | 'retrying';

/** SMS waiting for a provider 配置 no longer names (the provider was changed): only purged from here. */
export interface SmsElsewhere {
  provider: SmsKeyProvider;
  /** 阿里云短信 / 腾讯云短信. */
  name: string;
  waiting: number;
}

export interface SmsSettings extends SidebarSetup {
  owner: string;
  /** 配置 › 短信 › 服务商; 'none': no SMS is sent, and the dialog says how to turn it on. */
  provider: SmsKeyProvider | 'none';
  /** 阿里云短信 / 腾讯云短信; '' when none. */
  providerName: string;
  /** 配置 › 短信 as it will be used ('' where blank). */
  signName: string;
  appId: string;
  region: string;
  templates: { ack: string; progress: string; survey: string };
  /** 发送对象, as 配置 writes it. */
  mode: string;
  /** What 配置 › 短信 lacks (签名 always, 应用ID for 腾讯云, at least one template). */
  missing: SmsConfigGap[];
  /** SMS recorded today, against 每日上限. */
  today: number;
  dailyCap: number;
  /** What the provider calls its two keys (AccessKey ID / Secret, SecretId / SecretKey), the fields' labels; null while 服务商 is 无. */
  keyLabels: { id: string; secret: string } | null;
  /** The stored ID masked (its public prefix and last characters), or '' when none. */
  id: string;
  /** The stored secret masked (its last characters only), or '' when none. */
  secret: string;
  /** The provider the stored pair was entered for, when it is not the current one ('' otherwise). */
  storedFor: SmsKeyProvider | '';
  /** Its name (阿里云短信 / 腾讯云短信), or ''. */
  storedForName: string;
  status: SmsStatus;
  /** The provider's code and words when refused, or when the next try is due. */
  detail: string;
  /** SMS waiting for the current provider in 通知队列. */
  waiting: number;
  /** The latest SMS the provider answered, in words (ticket, message, 已发送 or 未送达, when, the provider's code); '' when none yet. */
  last: string;
  elsewhere: SmsElsewhere[];
  /** What the last action did, in words ('' after the first load). */
  done: string;
}

export type SmsAction = 'resume' | 'purge' | 'forget';
