# 网页的简体中文消息。此处每个键在 en/main.ftl 中也有（有测试检查）。

## Layout
product-name = Artel
skip-to-content = 跳到主要内容
nav-label = 主导航
nav-home = 首页
nav-sessions = 我的会话
nav-password = 密码
language-label = 语言
language-switch = 切换语言
signed-in-as = 已登录：{ $name }
sign-out = 退出登录

## Sign-in
sign-in = 登录
sign-in-title = 登录 Artel
sign-in-name = 用户名
sign-in-password = 密码
sign-in-code = 一次性验证码
sign-in-code-hint = 如果您的账户使用验证器应用，请填写其中的六位数字。
sign-in-refused = 用户名、密码或一次性验证码不正确。
sign-in-code-required = 此账户还需要一次性验证码。
sign-in-code-setup = 管理员须使用一次性验证码登录。请先请运维人员为您设置。
sign-in-throttled = 登录失败次数过多。请在 { $minutes } 分钟后重试。
field-required = 请填写此项。

## Home
home-title = 首页
home-organisations = 您的组织
home-no-organisations = 您在任何组织中都还没有角色。
home-code = 代码
home-name = 名称
home-kind = 类型

## Sessions
sessions-title = 我的会话
sessions-intro = 您当前登录的所有地方。如有不认识的，请结束它。
sessions-signed-in = 登录时间
sessions-last-seen = 最近使用
sessions-ends = 结束时间
sessions-from = 来源地址
sessions-browser = 浏览器
sessions-this-one = 当前会话
sessions-end = 结束
sessions-end-label = 结束于 { $when } 登录的会话
sessions-none = 没有有效的会话。
sessions-actions = 操作
sessions-address-unknown = 未知

## Password
password-title = 修改密码
password-current = 当前密码
password-new = 新密码
password-new-hint = 至少 { $min } 个字符。
password-again = 再次输入新密码
password-change = 修改密码
password-changed = 密码已修改。您的其他会话已结束。
password-mismatch = 两次输入的新密码不一致。
password-too-short = 密码至少需要 { $min } 个字符。
password-wrong-current = 当前密码不正确。

## Books (placeholder)
books-title = { $name }的账簿

## Errors
error-title = 出错了
error-not-found = 没有这个页面，或者您没有可以查看它的角色。
error-forbidden = 您的角色不允许此操作。
error-bad-request = 无法理解此请求。
error-server = 请求在服务器上失败；已记录。
error-home = 返回首页
form-has-errors = 请更正下面标出的字段。

# The dashboard
dashboard-as-of = 数据截至{ $date }
dashboard-cash-bank = 现金和银行存款
dashboard-receivables = 应收账款
dashboard-surplus = 本年盈余
dashboard-income = 收入
dashboard-costs = 成本费用
dashboard-chart-title = { $year }年各月收入与成本费用
month-1 = 1月
month-2 = 2月
month-3 = 3月
month-4 = 4月
month-5 = 5月
month-6 = 6月
month-7 = 7月
month-8 = 8月
month-9 = 9月
month-10 = 10月
month-11 = 11月
month-12 = 12月

# Reports
trial-balance = 试算平衡表
range-from = 起始日期
range-to = 截止日期
range-show = 显示
download-csv = 下载 CSV
download-xlsx = 下载 XLSX
account = 科目
debit = 借方
credit = 贷方
total = 合计
general-ledger = 总分类账
balance-sheet = 资产负债表
income-statement = 收支表
balance-sheet-right-total = 负债、所有者权益与盈余合计
report-as-of = 截至
report-choose-account = 选择科目
report-choose-account-hint = 选择一个科目，查看它的分录和余额。
report-account-unknown = 本账簿没有这个科目。
amount = 金额
date = 日期
memo = 摘要
yes = 是

# Forms
form-date-invalid = “{ $text }”不是日期；请按1954-04-30的格式填写。
form-range-reversed = 结束日期早于开始日期。
form-amount-positive = 请填写大于零的金额。
form-amount-invalid = 金额最多{ $decimals }位小数，例如1,234.50。
form-refused = 未能保存；请检查表单后再试。
form-resubmitted = 这张表单已用别的内容提交过；请刷新页面重新填写。

# The books' navigation
book-nav-label = 账簿
nav-entries = 日记账
nav-new-entry = 新凭证
nav-accounts = 会计科目
nav-periods = 会计期间
nav-integrity = 完整性
nav-audit = 审计记录

# Entries
entries-title = 记账凭证
entries-none = 这段时间没有凭证。
entries-next-page = 下一页
entry-number = 凭证号
entry-title = 第{ $number }号凭证
entry-posted = 第{ $number }号凭证已记账。
entry-source = 来源
entry-reverses = 冲销第{ $number }号
entry-reversal-of = 冲销
entry-reversed-by = 已被冲销
entry-hash = 链哈希：
entry-reverse-title = 冲销这张凭证
entry-reverse-hint = 凭证永不修改或删除：用一张借贷方向相反的冲销凭证抵消它，两张都留在账上。
entry-reverse-memo-hint = 留空则用“冲销第…号凭证”。
entry-reverse = 记冲销凭证
entry-already-reversed = 这张凭证已被冲销。
entry-period-closed = 该日期所在月份已结账；请选择未结账月份的日期。
entry-line-account = 第{ $number }行：科目
entry-line-debit = 第{ $number }行：借方
entry-line-credit = 第{ $number }行：贷方
entry-lines-hint = 每行填一个金额，借方或贷方。输入时科目会按科目表自动补全；按Ctrl+Enter记账。
entry-add-line = 加一行
entry-post = 记账
entry-account-unknown = “{ $account }”不是本账簿的科目。
entry-amount-missing = 请填写借方或贷方金额。
entry-amount-both = 借方和贷方只能填一个。
entry-lines-too-few = 一张凭证至少要有两行。
entry-amounts-too-large = 金额过大，无法精确相加。
entry-unbalanced = 借贷相差{ $difference }。
entry-balance-ok = 借方%debits% = 贷方%credits%：借贷平衡。
entry-balance-off = 借方%debits%，贷方%credits%：相差%difference%。

# Chart of accounts
chart-empty = 科目表是空的。
chart-type = 类别
chart-label = 名称
chart-production-cost = 生产成本
chart-add-title = 增加科目
chart-name = 科目全称
chart-name-hint = 各级用冒号分开，以类别开头：Assets:Bank:Agricultural Bank。
chart-name-invalid = 这不是科目全称：各级用冒号分开，例如Assets:Cash。
chart-name-taken = 已有同名科目。
chart-type-from-name = 按名称判断
chart-type-needed = 无法从名称判断类别；请选择。
chart-label-en = 英文名称
chart-label-zh = 中文名称
chart-add = 增加科目
chart-added = 已增加科目{ $account }。
account-type-asset = 资产
account-type-liability = 负债
account-type-equity = 所有者权益
account-type-income = 收入
account-type-expense = 支出

# Periods
periods-hint = 已结账的月份不能再记账。重新开账会连同原因记入审计记录。
periods-month = 月份
periods-status = 状态
periods-action = 操作
periods-open = 未结账
periods-closed = 已结账
periods-close = 结账：{ $month }
periods-reopen = 重新开账：{ $month }
periods-reason = 重新开账的原因：{ $month }
periods-reason-required = 请填写重新开账的原因。
periods-closed-notice = { $month }已结账。
periods-reopened-notice = { $month }已重新开账。

# Integrity
integrity-hint = 沿哈希链重新计算每张凭证的哈希，并按分录重新汇总每月存储的余额。
integrity-ok = 账簿完好：已检查{ $count }张凭证。
integrity-broken = 账簿曾在Artel之外被改动：
integrity-head = 链头：

# Audit trail
audit-none = 尚无记录。
audit-at = 时间
audit-actor = 操作人
audit-action = 操作
audit-detail = 内容
audit-before = 改前
audit-after = 改后
audit-action-account-add = 增加科目
audit-action-account-relabel = 修改科目名称
audit-action-entry-post = 记账
audit-action-journal-import = 导入日记账
audit-action-organisation-add = 增加组织
audit-action-period-close = 结账
audit-action-period-reopen = 重新开账

# Members
nav-members = 社员
members-none = 尚未登记社员。
members-number = 编号
members-name = 姓名
members-trade = 行业
members-joined = 入社日期
members-status = 状态
members-subscribed = 认购股数
members-paid = 已缴股数
members-paid-in = 已缴股金
member-status-applicant = 申请中
member-status-member = 社员
member-status-suspended = 停权
member-status-withdrawing = 申请退社
member-status-withdrawn = 已退社
member-status-expelled = 已开除
member-status-deceased = 已故
member-status-refused = 未批准
members-admitted = 已接收{ $name }入社。
members-admit-title = 接收社员
members-admit-hint = 现在缴纳的股金按章程规定的每股金额记账：借现金，贷股金。
members-admit = 接收入社
members-shares-invalid = 请填写股数，0或正整数。
members-too-few-shares = 股数少于章程规定的最低数。
members-paid-refused = 无法记为已缴：多于认购股数，或该月已结账。
members-applicant = 入社申请，由社员大会决定（批准入社时缴纳股金）
members-applied = 已登记{ $name }的入社申请。
no = 否
audit-action-member-admit = 接收社员
audit-action-member-change = 社员状态变更
audit-action-meeting-record = 登记会议
audit-action-motion-record = 议案表决
audit-action-charter-adopt = 通过章程

# 社员页面
member-event-apply = 申请入社
member-event-admit = 批准入社
member-event-refuse = 未批准入社
member-event-suspend = 停权
member-event-reinstate = 恢复社员权利
member-event-request-withdrawal = 申请退社
member-event-settle-withdrawal = 退社结算
member-event-expel = 开除
member-event-die = 去世
member-changed = 已登记：{ $event }。
member-history = 历史
member-event = 事项
member-resolution = 决议
member-entry = 凭证
member-note = 备注
member-motion = 第{ $number }号议案
member-share-ledger = 股金明细
member-no-shares = 尚未缴纳股金。
member-shares = 股数
member-change-title = 变更社员状态
member-change-hint = 章程规定须由社员大会决定的入社、开除和退社结算，在会议上以议案表决。退社结算时：借股金，贷应退股金，扣除的欠款贷应收款。
member-debts = 应扣欠款（结算时）
member-change = 登记变更
member-change-refused = 社员当前状态不允许此项变更，或章程规定须由社员大会决议。
member-change-date-refused = 此日期不可：早于社员上一事项、章程规定的预告期未满，或该月已结账。
member-debts-refused = 请以金额填写欠款，例如25.00。

# 会议与决议
nav-meetings = 会议
nav-charter = 章程
body-general-assembly = 社员大会
body-management-committee = 管理委员会
body-supervisory-committee = 监察委员会
body-conference = 会议（联社、政府）
meetings-none = 尚未登记会议。
meeting-body = 机构
meeting-title = 名称
meeting-attendance = 出席／有表决权
meeting-add-title = 登记会议
meeting-add-hint = 社员大会的有表决权人数按当日社员名册计算；请填写出席人数。
meeting-agenda = 议程
meeting-present = 出席人数
meeting-eligible = 有表决权人数（委员会和会议）
meeting-eligible-hint = 社员大会不填。
meeting-minutes = 会议记录
meeting-add = 登记会议
form-count-invalid = 请填写0或正整数。
meeting-eligible-required = 请填写可出席并表决的人数。
meeting-present-too-many = 出席人数多于可出席人数。
meeting-motions = 议案与决议
meeting-no-motions = 本次会议尚无议案。
motion = 议案
motion-kind = 决定类别
motion-text = 议案内容
motion-member = 有关社员
motion-ballot = 表决方式
motion-yes = 赞成
motion-no = 反对
motion-abstain = 弃权
motion-outcome = 结果
motion-add-title = 议案表决
motion-add-hint = 一人一票。按章程对该类决定规定的法定人数和多数决定；通过接收入社时，申请人的股金记入股金账户。
motion-no-member = 无
motion-add = 登记表决结果
motion-kind-refused = 章程对此没有规定，或修改章程须附新章程（请用接口或命令行）。
motion-member-refused = 请选择有关社员，且其状态允许此项决定。
motion-votes-refused = 票数多于出席人数：一人一票。
outcome-adopted = 通过
outcome-rejected = 否决
outcome-no-quorum = 不足法定人数
ballot-open = 公开表决
ballot-secret = 无记名投票
decision-admission = 接收入社
decision-expulsion = 开除
decision-withdrawal-settlement = 退社结算
decision-charter-change = 修改章程
decision-distribution = 盈余分配
decision-election = 选举
decision-ordinary = 一般事项
charter-effective = 自{ $date }起生效，
charter-default = 默认章程：本社尚未通过自己的章程。
charter-share-value = 每股金额
charter-minimum-shares = 最低股数
charter-entrance-fee = 入社费
charter-notice-days = 退社预告期（天）
charter-instalments = 退股分期数
charter-decisions = 决定事项
charter-quorum = 法定人数（占有表决权者）
charter-majority = 多数
charter-by-resolution = 须社员大会决定
charter-distribution = 年度盈余分配
charter-accumulation-fund = 公积金
charter-welfare-fund = 公益金
charter-other-levies = 其他提留
charter-labour-dividend = 劳动分红
charter-share-dividend = 股金分红
majority-more-than = 超过{ $base }的{ $share }
majority-at-least = 不少于{ $base }的{ $share }
majority-base-votes-cast = 投票数
majority-base-present = 出席人数
majority-base-eligible = 有表决权人数
members-by-resolution = 章程规定入社须由社员大会决定：请登记入社申请。
membership-title = 我的社员信息
audit-action-member-link = 社员关联用户
committees-title = 委员会
committees-term-ends = 任期届满
motion-election = 选举
motion-committee = 委员会
motion-elected = 当选社员
motion-elected-hint = 填写社员编号，以逗号分隔。
motion-elected-invalid = 请填写以逗号分隔的社员编号，例如1, 4, 7。
motion-committee-refused = 选举须指明管理委员会或监察委员会。
motion-elected-refused = 请按编号选举有表决权的社员。
motion-term-refused = 任期须在选举会议之后届满。
member-event-pay-shares = 缴纳股金
member-pay-title = 续缴股金
member-pay = 登记缴款
member-pay-shares-invalid = 请填写股数，1或以上的整数。
member-pay-refused = 无法登记：超过认购股数，或社员当前状态不能缴纳股金。

## 组织概况
nav-profile = 概况
profile-kind = 类别
profile-status = 状态
profile-founded = 成立日期
profile-history = 状态沿革
profile-date = 日期
profile-event = 事项
profile-note = 备注
profile-memberships = 隶属关系
profile-memberships-none = 不隶属于其他组织，也没有下属组织。
profile-member-of = 隶属于{ $name }
profile-has-member = { $name }隶属于本组织
profile-since = 自{ $date }起
profile-until = 至{ $date }止
profile-bodies = 附属组织
profile-bodies-none = 尚无附属组织记录。
profile-body-name = 名称
profile-body-kind = 组织类别
profile-body-members = 参加的社员
org-kind-cooperative = 手工业生产合作社
org-kind-team = 手工业生产小组
org-kind-supply-marketing = 供销合作社
org-kind-federation = 联合社
org-kind-association = 手工业劳动者协会
org-kind-government = 手工业科
org-status-preparatory = 筹备中
org-status-active = 正常经营
org-status-under-rectification = 整顿中
org-status-merged = 已合并
org-status-dissolved = 已解散
org-event-founded = 成立
org-event-status = 状态变更
org-event-upgraded = 由小组升级为合作社
body-kind-trade-union = 工会小组
body-kind-youth-league = 青年团支部
body-kind-party-branch = 党支部
body-kind-women-committee = 妇女委员会

# 生产
nav-production = 生产
production-year = 年度
production-recorded = 已登记生产报告。
production-defect-chart = { $year }年各月次品率（%）
production-output-chart = { $year }年各月产值
production-record-title = 登记生产报告
production-record-hint = 次品计入产量；一等品属于合格品。尚未登记的产品会自动添加。
production-product = 产品
production-quantity = 产量（件）
production-defective = 次品
production-first-grade = 一等品（可不填）
production-record = 登记报告
production-quantity-refused = 请填写产量，1或以上。
production-defective-refused = 次品多于产量。
production-first-grade-refused = 一等品多于合格品。
production-made-by = 生产者（社员编号或小组；可不填）
production-materials = 耗用材料（可不填）
production-materials-hint = 写作 品名=数量，以“;”分隔；购货方来料写作 品名=数量@购货方，例如 纱=45; 棉花=150@县供销社。耗用的材料从库存发出。
production-materials-refused = 无法发出这些材料：请写作 品名=数量，以“;”分隔，且不超过库存。
production-plan-chart = { $year }年各月计划产值与实际产值
production-planned-value = 计划产值
production-good = 合格品
production-products-title = { $year }年分产品统计
production-products-empty = { $year }年既无生产报告，也无生产计划。
production-product-defect-chart = { $year }年各产品次品率（%）
production-compare-title = 两期对比
production-compare-hint = 期间可以是年度（1954）、季度（1954-Q2）或月份（1954-04）。
production-period = 本期
production-compare = 对比期
production-indicator = 指标
production-change = 增减（%）
production-period-invalid = “{ $text }”不是期间；请按1954、1954-Q2或1954-04的格式填写。
indicator-defect-rate = 次品率（%）
indicator-output-quantity = 产量（件）
indicator-output-value = 产值
indicator-first-grade-share = 一等品率（%）
indicator-plan-fulfilment = 计划完成率（%）
indicator-unit-cost = 单位成本

## Stock
nav-stock = 库存
stock-recorded = 已记录该笔出入库。
stock-own-title = 自有库存
stock-own-hint = 合作社自有的原材料和产成品，在账上按成本（移动加权平均）计价。
stock-buyers-title = 购货方来料
stock-buyers-hint = 购货方按加工订货合同供应的原料：用完之前归购货方所有，不是合作社的资产，不入账。
stock-item = 品名
stock-item-kind = 类别
stock-item-material = 原材料
stock-item-product = 产成品
stock-quantity = 数量
stock-value = 成本金额
stock-owner = 购货方
stock-none = 没有库存。
stock-record-title = 记录出入库
stock-record-hint = 购进、产成品入库和盘盈（原无库存时）需填成本；发出的按库存平均成本计价。盘点填实存数量；调整填带符号的数量（损坏五件填 −5）。
stock-kind = 业务
stock-kind-purchase = 购进原材料
stock-kind-supplied = 购货方来料
stock-kind-issue = 领料投产
stock-kind-finish = 产成品入库
stock-kind-deliver = 出库交货
stock-kind-count = 盘点
stock-kind-adjust = 调整
stock-cost = 成本（入库时填）
stock-owner-field = 购货方（仅来料）
stock-paid-from = 付款账户（购进时；默认为现金）
stock-note = 备注
stock-record = 记录
stock-movements-title = { $year } 年出入库
stock-entry = 凭证
stock-no-movements = 本年没有出入库。
stock-quantity-invalid = 请填整数（调整可以为负数）。
stock-quantity-refused = 与现有库存不符：发出不能超过库存；盘点为 0 或以上，调整不能为 0，其他至少为 1。
stock-value-refused = 购进、产成品入库或原无库存时的盘盈需填成本；发出按平均成本计价；购货方来料不计价。
stock-owner-refused = 购货方来料须填购货方名称；购进、产成品入库和出库交货都是合作社自有的。
stock-item-refused = 该品名属于另一类别（原材料或产成品），或尚无该品的库存。
stock-paid-from-refused = 账户表中没有该账户，或该笔不是购进。
stock-date-refused = 该日期所在的会计期间已结账。

## Dashboard credit warnings
dashboard-warnings-title = 已超出章程规定的赊销限额
dashboard-warning-credit-share = 本年销售中赊销占 { $share }%；章程允许 { $limit }%。
dashboard-warning-credit-term = 给予{ $buyer }的赊销期为 { $days } 天；章程允许 { $limit } 天。
dashboard-warning-exposure = { $buyer }所欠占应收账款的 { $share }%；章程允许单一购货方 { $limit }%。
