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
dashboard-trial-balance = 试算平衡表
