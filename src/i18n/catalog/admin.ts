/** Messages of what keeps the add-on from working on its own: a missing 配置 sheet, lost keys (zh-CN and en). */
export const zh = {
  'config.sheetMissing': '找不到“配置”工作表（可能被改名或删除）：已暂停受理。表单提交会保留在表单中，恢复后由定时任务自动补处理。请把工作表名改回“配置”，或由管理员运行 客户管理 › 初始化/修复 按示例重建后重新填写',
  'alert.configMissing.subject': '【客户信息收集与反馈】找不到“配置”工作表，已暂停受理',
  'alert.configMissing.body': '表格中找不到“配置”工作表（可能被改名或删除）。为避免工单按示例配置分配给示例账号，系统已暂停受理：\n- 表单提交保留在表单中，“配置”恢复后由每小时的定时任务自动补处理；\n- 手工录入、导入和接口会提示错误，请稍后重试。\n\n处理办法：把工作表名改回“配置”；如果它已被删除，请运行 客户管理 › 初始化/修复，它会按示例重建“配置”，重建后请立即填写贵公司的团队、负责人和邮箱。\n\n此提醒每天最多发送一次。',
  'setup.configRecreated': '“配置”工作表不存在，已按示例重建：其中的团队、负责人、主管和报表收件人都是示例账号（@example.com），请立即按贵公司的实际情况填写。如果原工作表只是被改名，请删除新建的“配置”，再把原表改回此名',
  'selfCheck.config': '“配置”工作表存在',
  'selfCheck.configOk': '“配置”工作表存在，受理按其中的设置进行',
  'selfCheck.configMissing': '找不到“配置”工作表（可能被改名或删除）：受理已暂停，表单提交保留在表单中',
  'selfCheck.fix.configMissing': '把工作表名改回“配置”；如果已被删除，运行 客户管理 › 初始化/修复 按示例重建，并立即填写贵公司的设置。然后再运行自检。',
} as const;

export const en: { readonly [K in keyof typeof zh]: string } = {
  'config.sheetMissing': 'The 配置 (Config) sheet is missing (renamed or deleted): intake is paused. Form responses stay in the Form and are filed by the hourly job once it is back. Rename the sheet back to 配置, or have the admin run 客户管理 › 初始化/修复 to rebuild it from the example and fill it in again',
  'alert.configMissing.subject': '[Customer intake] The 配置 (Config) sheet is missing: intake paused',
  'alert.configMissing.body': 'The spreadsheet has no 配置 (Config) sheet (renamed or deleted). So that no ticket goes to the example owners of the default Config, intake is paused:\n- Form responses stay in the Form; the hourly job files them once 配置 is back;\n- manual entry, import and the webhook report an error; try again later.\n\nWhat to do: rename the sheet back to 配置; if it was deleted, run 客户管理 › 初始化/修复, which rebuilds 配置 from the example, then fill in your teams, owners and addresses at once.\n\nThis reminder is sent at most once a day.',
  'setup.configRecreated': 'The 配置 (Config) sheet was missing and has been rebuilt from the example: its teams, owners, supervisors and report recipients are example accounts (@example.com); fill in your own at once. If the old sheet was only renamed, delete the new 配置 and rename the old one back',
  'selfCheck.config': 'The 配置 (Config) sheet exists',
  'selfCheck.configOk': 'The 配置 (Config) sheet exists; intake follows its settings',
  'selfCheck.configMissing': 'No 配置 (Config) sheet (renamed or deleted): intake is paused, Form responses wait in the Form',
  'selfCheck.fix.configMissing': 'Rename the sheet back to 配置; if it was deleted, run 客户管理 › 初始化/修复 to rebuild it from the example and fill in your settings at once. Then run the self-check again.',
} as const;
