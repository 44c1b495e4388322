"""The zh and en message catalogs, and the choice of language.

Every visible string is a key here with both translations side by side, so none can go missing."""

from __future__ import annotations

import os

LANGUAGES = ("zh", "en")

# key: (简体中文, English)
CATALOG: dict[str, tuple[str, str]] = {
    # kinds
    "kind.study": ("学习积分", "study"),
    "kind.session": ("集中学习", "session"),
    "kind.campaign": ("征文·谈心活动", "campaign"),
    "kind.essay": ("征文", "essay"),
    "kind.talk": ("谈心谈话", "talk"),
    "kind.event": ("文体活动", "event"),
    "kind.visit": ("关爱慰问", "visit"),
    "kind.person": ("通讯录", "person"),
    # fields
    "field.id": ("编号", "id"),
    "field.created_at": ("创建时间", "created at"),
    "field.updated_at": ("修改时间", "updated at"),
    "field.note": ("备注", "note"),
    "field.kind": ("类别", "kind"),
    "field.date": ("日期", "date"),
    "field.points": ("当日积分", "points"),
    "field.total": ("总积分", "total"),
    "field.items": ("积分明细", "items"),
    "field.topic": ("主题", "topic"),
    "field.hours": ("学时", "hours"),
    "field.role": ("角色", "role"),
    "field.title": ("标题", "title"),
    "field.start": ("开始月份", "start"),
    "field.end": ("结束月份", "end"),
    "field.monthly_quota": ("每月任务数", "monthly quota"),
    "field.organizer": ("主办", "organizer"),
    "field.campaign_id": ("所属活动", "campaign"),
    "field.words": ("字数", "words"),
    "field.status": ("状态", "status"),
    "field.award": ("奖项", "award"),
    "field.person": ("对象", "person"),
    "field.dept": ("部门", "dept"),
    "field.place": ("地点", "place"),
    "field.talk_type": ("谈话类型", "talk type"),
    "field.concerns": ("反映问题", "concerns"),
    "field.follow_up": ("跟进事项", "follow-up"),
    "field.follow_up_due": ("跟进期限", "follow-up due"),
    "field.follow_up_done": ("已跟进", "follow-up done"),
    "field.time": ("时间", "time"),
    "field.sport": ("项目", "sport"),
    "field.sub_event": ("小项", "sub-event"),
    "field.location": ("地点", "location"),
    "field.team": ("队伍", "team"),
    "field.result": ("成绩", "result"),
    "field.rank": ("名次", "rank"),
    "field.occasion": ("事由", "occasion"),
    "field.my_role": ("我的角色", "my role"),
    "field.visitors": ("慰问人员", "visitors"),
    "field.form": ("形式", "form"),
    "field.amount": ("金额", "amount"),
    "field.fund_source": ("经费来源", "fund source"),
    "field.name": ("姓名", "name"),
    "field.birthday": ("生日", "birthday"),
    "field.phone": ("电话", "phone"),
    "field.campaign_kind.essay": ("征文", "essay"),
    "field.campaign_kind.talk": ("谈心谈话", "talk"),
    "bool.yes": ("是", "yes"),
    "bool.no": ("否", "no"),
    # relative days
    "days.today": ("今天", "today"),
    "days.tomorrow": ("明天", "tomorrow"),
    "days.yesterday": ("昨天", "yesterday"),
    "days.in": ("{n}天后", "in {n} days"),
    "days.ago": ("{n}天前", "{n} days ago"),
    "days.overdue": ("逾期 {n} 天", "{n} days overdue"),
    # validation
    "err.date": (
        "不是有效日期（{value}）；可输入 YYYY-MM-DD、M-D、MM/DD、今天、昨天 或 -N",
        "not a date ({value}); use YYYY-MM-DD, M-D, MM/DD, today, yesterday or -N",
    ),
    "err.month": (
        "不是有效月份（{value}）；可输入 YYYY-MM、M、本月 或 上月",
        "not a month ({value}); use YYYY-MM, M, this or last",
    ),
    "err.time": ("不是有效时间（{value}）；请输入 HH:MM", "not a time ({value}); use HH:MM"),
    "err.mmdd": ("不是有效生日（{value}）；请输入 MM-DD", "not a birthday ({value}); use MM-DD"),
    "err.int": ("应为整数，收到 “{value}”", "expected a whole number, got '{value}'"),
    "err.int_min": ("应为不小于 {minimum} 的整数", "expected an integer ≥ {minimum}"),
    "err.decimal": (
        "应为不小于 0 的数（如 500 或 1.5），收到 “{value}”",
        "expected a number ≥ 0 such as 500 or 1.5, got '{value}'",
    ),
    "err.bool": ("应为 是/否，收到 “{value}”", "expected yes or no, got '{value}'"),
    "err.type_bool": ("应为 true 或 false", "expected true or false"),
    "err.type_text": ("应为文字", "expected text"),
    "err.required": ("必填", "is required"),
    "err.missing": ("缺少此字段", "is missing"),
    "err.unknown_field": ("不是此类记录的字段", "is not a field of this kind"),
    "err.choice": ("“{value}” 不在可选范围内（{options}）", "'{value}' is not one of {options}"),
    "err.names": ("应为非空姓名的列表", "expected a list of names"),
    "err.items_type": ("应为 项目→积分 的对应表", "expected a map of item → points"),
    "err.item_format": (
        "无法识别 “{value}”；请写成 项目=积分，如 每日答题=5",
        "cannot read '{value}'; write item=points, e.g. 每日答题=5",
    ),
    "err.item_unknown": (
        "没有 “{item}” 这一项（可选：{options}）",
        "no study item '{item}' (known: {options})",
    ),
    "err.item_points": (
        "“{item}” 的积分应为不小于 0 的整数",
        "points of '{item}' must be an integer ≥ 0",
    ),
    "err.item_cap": (
        "“{item}” 每日上限 {cap} 分，填写了 {value} 分",
        "'{item}' is capped at {cap} a day, got {value}",
    ),
    "err.items_sum": (
        "应等于明细之和 {total}，填写了 {points}",
        "must equal the sum of the items ({total}), got {points}",
    ),
    "err.end_before_start": (
        "结束月份 {end} 早于开始月份 {start}",
        "the end month {end} is before the start month {start}",
    ),
    "err.ref_format": ("不是有效的记录编号（{value}）", "not a record id ({value})"),
    "err.ref_missing": ("找不到编号为 {value} 的{kind}", "no {kind} has the id {value}"),
    "err.ref_kind": ("活动 {value} 不是{kind}活动", "campaign {value} is not an {kind} campaign"),
    "err.uuid": ("不是 UUID（{value}）", "not a UUID ({value})"),
    "err.timestamp": (
        "应为带时区的 ISO-8601 时间（{value}）",
        "expected an ISO-8601 time with offset ({value})",
    ),
    "err.kind": (
        "未知的记录类别 “{value}”（可选：{options}）",
        "unknown kind '{value}' (choose from {options})",
    ),
    "err.duplicate": (
        "{value} 已有一条{kind}记录（编号 {id}）",
        "there is already a {kind} record for {value} (id {id})",
    ),
    "err.not_found": ("找不到编号为 {id} 的{kind}记录", "no {kind} record has the id {id}"),
    "err.in_use": (
        "还有 {count} 条记录属于此活动，请先删除它们",
        "{count} records still belong to this campaign; delete them first",
    ),
    # data file
    "file.empty": ("文件是空的（0 字节）", "the file is empty (0 bytes)"),
    "file.not_json": ("不是有效的 JSON（{detail}）", "it is not valid JSON ({detail})"),
    "file.not_cadre": ("不是 cadre 数据文件（{detail}）", "it is not a cadre data file ({detail})"),
    "file.newer": (
        "它的数据版本 {version} 比本程序支持的 {supported} 新；请升级 cadre",
        "its schema version {version} is newer than this cadre supports ({supported}); upgrade cadre",
    ),
    "file.symlink": (
        "它是一个符号链接，拒绝通过链接写入",
        "it is a symbolic link; cadre will not write through it",
    ),
    "file.not_owner": ("它属于另一个用户（uid {uid}）", "it belongs to another user (uid {uid})"),
    "file.not_regular": ("它不是普通文件", "it is not a regular file"),
    "file.unreadable": ("无法读取（{detail}）", "it cannot be read ({detail})"),
    "file.refused": (
        "无法使用数据文件 {path}：{problem}。{advice}",
        "Cannot use the data file {path}: {problem}. {advice}",
    ),
    "file.newest_backup": (
        "最新备份：{backup}（可用 cadre restore 恢复）。",
        "Newest backup: {backup} (cadre restore brings it back).",
    ),
    "file.no_backup": (
        "没有备份。文件未做任何改动。",
        "There is no backup. The file was left untouched.",
    ),
    "file.tightened": (
        "警告：{path} 的权限是 {old}，已收紧为 {new}",
        "warning: {path} had mode {old}; tightened to {new}",
    ),
    "file.locked": (
        "数据文件被进程 {pid} 锁定超过 {seconds} 秒，请稍后再试",
        "the data file is locked by process {pid} for more than {seconds} s; try again later",
    ),
    "file.nolock": (
        "此文件系统不支持文件锁（{detail}），请把数据文件放在本地磁盘上",
        "this file system does not support locking ({detail}); keep the data file on a local disk",
    ),
    "file.write_failed": (
        "写入失败（{detail}），原文件未改动",
        "the write failed ({detail}); the file is unchanged",
    ),
    "backup.none": ("没有备份", "no backups"),
    "backup.unknown": ("找不到备份 “{name}”", "no backup named '{name}'"),
    "backup.restored": ("已从 {backup} 恢复 {path}", "restored {path} from {backup}"),
    "backup.kept_current": ("恢复前的文件已另存为 {path}", "the file as it was is kept as {path}"),
    # store
    "undo.nothing": ("没有可以撤销的修改", "nothing to undo"),
    "undo.done": ("已撤销：{what}", "undone: {what}"),
    "change.add": ("新增{kind}", "added {kind}"),
    "change.update": ("修改{kind}", "edited {kind}"),
    "change.delete": ("删除{kind}", "deleted {kind}"),
    # cli
    "cli.error": ("错误：{message}", "error: {message}"),
    "cli.internal": (
        "内部错误：{message}。数据文件未改动。",
        "internal error: {message}. The data file was not changed.",
    ),
    "cli.no_records": ("（没有记录）", "(no records)"),
    "cli.interrupted": ("已中断", "interrupted"),
    "check.path": ("数据文件：{path}", "data file: {path}"),
    "check.missing": (
        "尚未创建（第一次保存时创建）",
        "not created yet (it is created on the first save)",
    ),
    "check.ok": ("状态：正常", "state: ok"),
    "check.schema": ("数据版本：{version}", "schema version: {version}"),
    "check.schema_older": (
        "数据版本：{version}（下次修改时升级到 {current}，升级前先备份）",
        "schema version: {version} (brought up to {current}, after a backup, by the next change)",
    ),
    "check.size": ("大小：{size} 字节，权限 {mode}", "size: {size} bytes, mode {mode}"),
    "check.count": ("  {kind}：{count}", "  {kind}: {count}"),
    "check.records": ("记录：", "records:"),
    "check.problem": ("状态：无法使用 —— {problem}", "state: unusable — {problem}"),
    "check.lock_free": ("锁：空闲", "lock: free"),
    "check.lock_held": ("锁：被进程 {pid} 持有", "lock: held by process {pid}"),
    "check.backups": ("备份：{count} 个，最新 {newest}", "backups: {count}, newest {newest}"),
    "check.invalid": ("{count} 条记录有问题：", "{count} records have problems:"),
    # today and upcoming
    "upcoming.event": ("{date} {title}（{when}）", "{date} {title} ({when})"),
    "upcoming.birthday": ("{date} {title} 生日（{when}）", "{date} {title}'s birthday ({when})"),
    "upcoming.talk_follow_up": (
        "{date} 跟进谈话：{title}（{when}）",
        "{date} talk follow-up: {title} ({when})",
    ),
    "upcoming.visit_follow_up": (
        "{date} 回访：{title}（{when}）",
        "{date} visit follow-up: {title} ({when})",
    ),
    "today.points": (
        "学习强国：今天 {points}/{target} 分，连续达标 {streak} 天",
        "Study: {points}/{target} points today, {streak}-day streak",
    ),
    "today.not_logged": (
        "学习强国：今天尚未记录（目标 {target} 分），连续达标 {streak} 天",
        "Study: nothing logged today (target {target}), {streak}-day streak",
    ),
    "today.quota": (
        "{title}：本月 {done}/{quota}，{left}",
        "{title}: {done}/{quota} this month, {left}",
    ),
    "today.upcoming": ("近期：", "Coming up:"),
    # core tests (issue 2): values the first checks let through
    "err.int_max": ("应为不大于 {maximum} 的整数", "expected an integer ≤ {maximum}"),
    # forms
    "form.add": ("新增{kind}", "Add {kind}"),
    "form.edit": ("编辑{kind}", "Edit {kind}"),
    "form.save": ("保存 (ctrl+s)", "Save (ctrl+s)"),
    "form.cancel": ("取消 (Esc)", "Cancel (Esc)"),
    "form.saved": ("已保存", "Saved"),
    "form.unchanged": ("没有修改", "No changes"),
    "form.refused": (
        "有 {count} 处需要修改，未保存",
        "{count} field(s) need fixing; nothing was saved",
    ),
    "form.blank": ("（空）", "(none)"),
    "form.no_campaigns": ("（还没有此类活动）", "(no campaign of this kind yet)"),
    "form.campaign_option": ("{title}（{start} 至 {end}）", "{title} ({start} to {end})"),
    "form.items_sum": ("明细合计 {total} 分", "items add up to {total}"),
    "form.hint.date": (
        "今天、昨天、-3、3-5、03/05、2026-03-05",
        "today, yesterday, -3, 3-5, 03/05, 2026-03-05",
    ),
    "form.hint.month": ("2026-03、3、本月、上月", "2026-03, 3, this, last"),
    "form.hint.time": ("HH:MM，如 09:30", "HH:MM, e.g. 09:30"),
    "form.hint.mmdd": ("MM-DD，如 03-05", "MM-DD, e.g. 03-05"),
    "form.hint.int": ("整数，不小于 {minimum}", "whole number, at least {minimum}"),
    "form.hint.whole": ("整数", "whole number"),
    "form.hint.decimal": ("数字，如 500 或 1.5", "number, e.g. 500 or 1.5"),
    "form.hint.names": ("姓名，用 、 或 , 分隔", "names separated by , or 、"),
    "form.hint.items": ("每日答题=5, 挑战答题=10", "item=points, e.g. 每日答题=5, 挑战答题=10"),
    "confirm.title": ("请确认", "Please confirm"),
    "confirm.yes": ("是 (y)", "Yes (y)"),
    "confirm.no": ("否 (n)", "No (n)"),
    "help.title": ("快捷键", "Keys"),
    "help.main": ("主界面", "Main screen"),
    "help.form": ("表单", "Forms"),
    "help.add": ("新增记录", "add a record"),
    "help.edit": ("编辑选中的记录", "edit the selected record"),
    "help.delete": ("删除选中的记录（先确认）", "delete the selected record (asks first)"),
    "help.undo": ("撤销上一次修改", "undo the last change"),
    "help.filter": ("筛选", "filter"),
    "help.page": ("上一月 / 下一月（或上一页 / 下一页）", "previous / next month (or page)"),
    "help.tabs": ("切换标签页", "switch tabs"),
    "help.palette": ("命令面板", "command palette"),
    "help.help": ("显示本帮助", "show this help"),
    "help.quit": ("退出", "quit"),
    "help.fields": ("下一项 / 上一项", "next / previous field"),
    "help.next": ("下一项；在最后一项时保存", "next field; saves on the last field"),
    "help.save": ("保存", "save"),
    "help.cancel": ("取消，不保存", "cancel without saving"),
    "help.close": ("按 Esc 或 ? 关闭", "Esc or ? closes this"),
    # app
    "tab.overview": ("概览", "Overview"),
    "tab.study": ("学习", "Study"),
    "tab.campaigns": ("征文·谈心", "Campaigns"),
    "tab.sports": ("文体", "Sports"),
    "tab.care": ("关爱", "Care"),
    "key.add": ("新增", "add"),
    "key.edit": ("编辑", "edit"),
    "key.delete": ("删除", "delete"),
    "key.undo": ("撤销", "undo"),
    "key.filter": ("筛选", "filter"),
    "key.help": ("帮助", "help"),
    "key.quit": ("退出", "quit"),
    "key.palette": ("命令", "commands"),
    "cmd.add": ("新增{kind}", "Add {kind}"),
    "cmd.tab": ("转到“{tab}”（{number}）", "Go to {tab} ({number})"),
    "cmd.language.zh": ("界面语言：中文", "Language: 中文 (Chinese)"),
    "cmd.language.en": ("界面语言：English（英文）", "Language: English"),
    "cmd.theme": ("配色：{name}", "Theme: {name}"),
    "cmd.help": ("快捷键帮助", "Help: keys"),
    "cmd.quit": ("退出", "Quit"),
    "cmd.placeholder": ("搜索命令…", "Search for commands…"),
    "cmd.no_matches": ("没有匹配的命令", "No matches found"),
    "app.nothing_selected": ("请先选中一条记录", "select a record first"),
    "app.no_list": ("此页没有可筛选的列表", "there is no list to filter here"),
    "app.confirm_delete": ("删除这条{kind}记录？\n{what}", "Delete this {kind} record?\n{what}"),
    "app.deleted": ("已删除", "deleted"),
    "app.quit_hint": ("按 q 退出", "press q to quit"),
    "app.language": ("界面语言已切换为中文", "the language is now English"),
    "app.theme": ("配色已切换为 {name}", "the theme is now {name}"),
    "app.demo_missing": ("找不到演示数据（{path}）", "the demo data is missing ({path})"),
    "overview.points": ("今日积分 {points} / 目标 {target}", "Today {points} / {target} points"),
    "overview.not_logged": (
        "今日积分 未记录 / 目标 {target}（按 a 记录）",
        "Today: not logged / {target} (press a)",
    ),
    "overview.streak": ("连续达标 {days} 天", "streak {days} days"),
    "overview.total": ("总积分 {total}", "total {total}"),
    "overview.spark": (
        "近 {days} 天积分：日均 {avg}，达标 {met} 天",
        "Last {days} days: {avg} a day on average, {met} days at target",
    ),
    "overview.quotas": ("本月任务（征文·谈心）", "This month's quotas"),
    "overview.no_quotas": ("本月没有进行中的活动", "no campaign is running this month"),
    "overview.upcoming": ("近期安排与待办（{days} 天内）", "Coming up and due (next {days} days)"),
    "overview.no_upcoming": ("没有临近的安排或待办", "nothing coming up or due"),
    "overview.more": (
        "……另有 {n} 项（含更早的逾期待办）",
        "… and {n} more (older overdue items included)",
    ),
    "quota.met": ("已完成", "met"),
    "quota.missed": ("未完成", "missed"),
    "month.short.1": ("1月", "Jan"),
    "month.short.2": ("2月", "Feb"),
    "month.short.3": ("3月", "Mar"),
    "month.short.4": ("4月", "Apr"),
    "month.short.5": ("5月", "May"),
    "month.short.6": ("6月", "Jun"),
    "month.short.7": ("7月", "Jul"),
    "month.short.8": ("8月", "Aug"),
    "month.short.9": ("9月", "Sep"),
    "month.short.10": ("10月", "Oct"),
    "month.short.11": ("11月", "Nov"),
    "month.short.12": ("12月", "Dec"),
    "weekday.short.0": ("一", "Mo"),
    "weekday.short.1": ("二", "Tu"),
    "weekday.short.2": ("三", "We"),
    "weekday.short.3": ("四", "Th"),
    "weekday.short.4": ("五", "Fr"),
    "weekday.short.5": ("六", "Sa"),
    "weekday.short.6": ("日", "Su"),
    "heat.key": ("图例", "Key"),
    "heat.none": ("无记录", "none"),
    "study.week": ("本周", "This week"),
    "study.month": ("本月", "This month"),
    "study.year": ("今年", "This year"),
    "study.streak": ("当前连续", "Streak"),
    "study.longest": ("最长连续", "Longest"),
    "study.days": ("{n} 天", "{n} d"),
    "study.target": ("每日目标", "Daily target"),
    "table.month": ("{kind} {month}（{count} 条）", "{kind} {month} ({count})"),
    "table.paged": (
        "{kind} 第 {page}/{pages} 页（共 {count} 条）",
        "{kind} page {page}/{pages} ({count})",
    ),
    "table.filtered": (
        "{kind} 含“{text}” 第 {page}/{pages} 页（{count} 条）",
        "{kind} with '{text}' page {page}/{pages} ({count})",
    ),
    "table.keys": ("[ ] 翻页", "[ ] page"),
    "table.filter_hint": (
        "筛选：输入文字；Enter 确定，Esc 清除",
        "filter: type; Enter keeps, Esc clears",
    ),
    # exchange
    "export.written": ("已导出到 {path}", "exported to {path}"),
    "export.zip_to_terminal": (
        "多个类别的 CSV 是一个 zip 文件，不能输出到终端；请用 -o 文件名",
        "the CSV of several kinds is a zip file, not for a terminal; give -o FILE",
    ),
    "export.unwritable": ("无法写入 {path}（{detail}）", "cannot write {path} ({detail})"),
    "import.kind": ("类别", "kind"),
    "import.added": ("新增", "added"),
    "import.replaced": ("更新", "replaced"),
    "import.identical": ("相同跳过", "identical"),
    "import.older": ("较旧跳过", "older"),
    "import.dry_run": (
        "试运行：将新增或更新 {count} 条记录；未写入任何内容",
        "dry run: {count} records would be added or replaced; nothing was written",
    ),
    "import.done": ("已从 {source} 导入 {count} 条记录", "imported {count} records from {source}"),
    "import.unchanged": (
        "没有需要导入的改动；数据文件未改动",
        "nothing to import; the data file is unchanged",
    ),
    "import.backup": ("导入前的数据已备份到 {path}", "the data as it was is backed up in {path}"),
    "import.refused": (
        "无法导入 {source}（{count} 个问题），未导入任何内容：",
        "cannot import {source} (problems found: {count}); nothing was imported:",
    ),
    "import.unreadable": ("无法读取文件（{detail}）", "the file cannot be read ({detail})"),
    "import.empty": ("文件是空的", "the file is empty"),
    "import.not_json": ("不是有效的 JSON（{detail}）", "not valid JSON ({detail})"),
    "import.not_export": ("不是 {expected} 文件", "not a {expected} file"),
    "import.format": (
        "格式是 {value}，应为 {expected}",
        "the format is {value}, expected {expected}",
    ),
    "import.newer": (
        "导出版本 {version} 比本程序支持的 {supported} 新；请升级 cadre",
        "export version {version} is newer than this cadre reads ({supported}); upgrade cadre",
    ),
    "import.version": (
        "版本是 {value}，应为 {expected}",
        "the version is {value}, expected {expected}",
    ),
    "import.unknown_key": ("不是导出文件中的项", "is not part of a cadre export"),
    "import.not_object": ("应为 JSON 对象", "expected an object"),
    "import.not_list": ("应为列表", "expected a list"),
    "import.duplicate_id": ("编号 {id} 与 {other} 重复", "the id {id} is also used by {other}"),
    "import.id_other_kind": (
        "编号 {id} 在数据文件中属于一条{kind}记录",
        "the id {id} belongs to a {kind} record in the data file",
    ),
    "report.title": (
        "cadre 工作小结：{period}（{since} 至 {until}）",
        "cadre report: {period} ({since} to {until})",
    ),
    "report.year": ("{year}年", "the year {year}"),
    "report.month": ("{year}年{month}月", "{year}-{month:02d}"),
    "report.study": ("学习强国与集中学习", "Study"),
    "report.points": (
        "积分合计 {points} 分，记录 {days} 天",
        "{points} points over {days} logged days",
    ),
    "report.at_target": (
        "达标 {days} 天（每日目标 {target} 分）",
        "{days} days at the target of {target}",
    ),
    "report.streaks": (
        "当前连续达标 {current} 天，期间最长连续 {longest} 天",
        "current streak {current} days, longest in the period {longest} days",
    ),
    "report.sessions": ("集中学习 {count} 次，共 {hours} 学时", "{count} sessions, {hours} hours"),
    "report.count": ("次数", "count"),
    "report.campaigns": ("征文·谈心活动完成情况", "Campaign quotas"),
    "report.none": ("（无）", "(none)"),
    "report.month_column": ("月份", "month"),
    "report.done": ("完成/任务", "done/quota"),
    "report.verdict": ("结果", "verdict"),
    "report.running": ("进行中", "running"),
    "report.essays": ("征文 {count} 篇，共 {words} 字", "{count} essays, {words} words"),
    "report.group": ("状态/奖项", "status / award"),
    "report.award": ("获{award}奖", "award: {award}"),
    "report.talks": (
        "谈心谈话 {count} 次，待跟进 {open} 项",
        "{count} talks, {open} follow-ups open",
    ),
    "report.overdue": ("{due}（已逾期）", "{due} (overdue)"),
    "report.events": ("参加文体活动 {count} 次", "{count} events"),
    "report.best": ("最好成绩", "best result"),
    "report.rank": ("第{rank}名", "rank {rank}"),
    "report.month_or_year": ("--month 与 --year 只能选一个", "give --month or --year, not both"),
    "report.bad_year": ("不是有效年份（{value}）；请输入 YYYY", "not a year ({value}); use YYYY"),
    "report.to_come": ("未开始", "to come"),
    "report.essays_heading": ("征文", "Essays"),
    "report.talks_heading": ("谈心谈话", "Talks"),
    "report.events_heading": ("文体活动", "Sports"),
    "report.visits_heading": ("关爱慰问", "Care visits"),
    "report.visits": (
        "关爱慰问 {count} 次，金额合计 {amount} 元",
        "{count} visits, {amount} yuan in all",
    ),
    # exchange dialogs
    "cmd.export": ("导出记录…（选择类别、时段、格式）", "Export records… (kinds, period, format)"),
    "cmd.import": ("导入记录…（先试运行检查）", "Import records… (checked by a dry run first)"),
    "dlg.export.refused": (
        "请先改正标出的项，未导出任何内容",
        "fix the marked fields first; nothing was exported",
    ),
    "dlg.export.title": ("导出记录", "Export records"),
    "dlg.export.kinds": ("类别", "Kinds"),
    "dlg.export.since": ("起始日期", "From"),
    "dlg.export.until": ("截止日期", "Until"),
    "dlg.export.format": ("格式", "Format"),
    "dlg.export.path": ("保存到", "Save to"),
    "dlg.export.date_hint": (
        "留空不限；今天、-30、3-5、2026-03-05",
        "empty: no limit; today, -30, 3-5, 2026-03-05",
    ),
    "dlg.export.means": ("即 {date}", "that is {date}"),
    "dlg.export.no_kind": ("请至少勾选一个类别", "tick at least one kind"),
    "dlg.export.before_since": ("早于起始日期 {since}", "is before the start date {since}"),
    "dlg.export.is_folder": ("这是一个文件夹；请写上文件名", "is a folder; give a file name"),
    "dlg.export.exists": ("文件已存在，导出将覆盖它", "the file exists; exporting replaces it"),
    "dlg.export.run": ("导出 (ctrl+s)", "Export (ctrl+s)"),
    "dlg.import.title": ("导入记录", "Import records"),
    "dlg.import.path": ("文件", "File"),
    "dlg.import.placeholder": (
        "导出文件的路径，如 ~/cadre-export.json",
        "path of an export, e.g. ~/cadre-export.json",
    ),
    "dlg.import.hint": (
        "先检查（Enter）：试运行，不写入任何内容",
        "Check first (Enter): a dry run that writes nothing",
    ),
    "dlg.import.scroll": ("PgUp / PgDn 滚动下面的结果", "PgUp / PgDn scroll the report below"),
    "dlg.import.check": ("检查 (Enter)", "Check (Enter)"),
    "dlg.import.run": ("导入 (ctrl+s)", "Import (ctrl+s)"),
    "dlg.import.confirm": (
        "从 {source} 新增或更新 {count} 条记录？\n导入前会先备份数据文件。",
        "Add or replace {count} records from {source}?\nThe data file is backed up first.",
    ),
    "dlg.import.kind_counts": (
        "{kind}：新增 {added}，更新 {replaced}",
        "{kind}: {added} added, {replaced} replaced",
    ),
    # settings
    "err.setting": (
        "不是可以修改的设置（可改：{options}）",
        "is not a setting you can change ({options})",
    ),
    "err.timezone": (
        "不是已知的时区（{value}），如 Asia/Shanghai",
        "is not a known time zone ({value}), e.g. Asia/Shanghai",
    ),
    "err.category": (
        "没有这个类别列表（可选：{options}）",
        "is not a list of categories ({options})",
    ),
    "err.category_has": ("已经有 “{value}”", "already holds '{value}'"),
    "err.category_lacks": ("没有 “{value}”", "does not hold '{value}'"),
    "err.category_used": (
        "还有 {count} 条记录使用 “{value}”，不能删除",
        "'{value}' is still used by {count} records; it stays",
    ),
    "err.cap_used": (
        "有 {count} 条学习记录超过新的每日上限，请先修改这些记录",
        "{count} study records are above the new daily cap; change them first",
    ),
    "err.choice_add": (
        "；如需新增：cadre settings add {category} {value}",
        "; to add it: cadre settings add {category} {value}",
    ),
    "settings.auto": ("自动（{value}）", "auto ({value})"),
    "settings.saved": ("设置已保存", "settings saved"),
    # core figures: quotas, working days, follow-ups, birthdays, sport and care totals
    "err.switch": (
        "“{value}” 应为 是/否（true/false、yes/no、on/off、开/关）",
        "'{value}' is not yes or no (true/false, yes/no, on/off)",
    ),
    "figures.state.met": ("已完成", "met"),
    "figures.state.short": ("未完成", "short"),
    "figures.state.running": ("进行中", "running"),
    "figures.state.future": ("未开始", "to come"),
    "figures.short_by": ("差 {n} 项", "{n} short"),
    "figures.days_left.one": ("还剩 {n} 天", "{n} day left"),
    "figures.days_left.other": ("还剩 {n} 天", "{n} days left"),
    "figures.working_days_left.one": ("{n} 个工作日", "{n} working day"),
    "figures.working_days_left.other": ("{n} 个工作日", "{n} working days"),
    "figures.estimated": ("（按周一至周五估算）", " (estimated Mon–Fri)"),
    "figures.phase.running": ("进行中", "running"),
    "figures.phase.future": ("未开始", "to come"),
    "figures.phase.ended": ("已结束", "ended"),
    # keys and help
    "table.year": (
        "{kind} {year}年 第 {page}/{pages} 页（{count} 条）",
        "{kind} {year} page {page}/{pages} ({count})",
    ),
    "table.period_key": ("p 月/年/全部", "p month/year/all"),
    "help.period": ("按月 / 按年 / 全部记录", "a month / a year / every record"),
    "key.done": ("已跟进", "done"),
    "help.done": ("把选中的跟进事项标为已完成", "mark the selected follow-up done"),
    "followup.done": ("已标记完成：{title}", "marked done: {title}"),
    # Campaigns tab
    "campaigns.this_month": ("本月", "this month"),
    "campaigns.grid.essay.one": (
        "逐月完成情况（每月 {n} 篇）",
        "Month by month ({n} essay a month)",
    ),
    "campaigns.grid.essay.other": (
        "逐月完成情况（每月 {n} 篇）",
        "Month by month ({n} essays a month)",
    ),
    "campaigns.grid.talk.one": ("逐月完成情况（每月 {n} 次）", "Month by month ({n} talk a month)"),
    "campaigns.grid.talk.other": (
        "逐月完成情况（每月 {n} 次）",
        "Month by month ({n} talks a month)",
    ),
    "campaigns.short.essay": ("差 {n} 篇", "short by {n}"),
    "campaigns.short.talk": ("差 {n} 次", "short by {n}"),
    "campaigns.estimated": (
        "工作日按周一至周五估算：尚无 {year} 年的法定节假日安排",
        "working days counted Mon–Fri: no official holiday calendar for {year} yet",
    ),
    "campaigns.none": ("还没有征文·谈心活动：按 a 新增", "No campaigns yet: press a to add one"),
    "campaigns.follow_ups.one": (
        "待跟进事项 {n} 项（逾期的在前）",
        "{n} open follow-up (overdue first)",
    ),
    "campaigns.follow_ups.other": (
        "待跟进事项 {n} 项（逾期的在前）",
        "{n} open follow-ups (overdue first)",
    ),
    "campaigns.no_follow_ups": ("没有待跟进的事项", "No open follow-ups"),
    "campaigns.more": ("…… 另有 {n} 项", "… and {n} more"),
    # Sports tab
    "key.sport": ("项目", "sport"),
    "help.sport": ("按项目筛选：逐个切换，再回到全部", "each sport in turn, then all sports"),
    "key.sport_back": ("上一项目", "previous sport"),
    "help.sport_back": ("按项目筛选：反向切换", "the previous sport's events"),
    "sports.year": ("{year}年", "{year}:"),
    "sports.events.one": ("共 {n} 次", "{n} event"),
    "sports.events.other": ("共 {n} 次", "{n} events"),
    "sports.col.events": ("次数", "count"),
    "sports.none": ("还没有文体活动", "no events yet"),
    "sports.others": ("其他 {n} 项", "{n} others"),
    "sports.months": ("{year}年各月", "{year} by month"),
    "sports.upcoming.one": ("未来 {n} 天", "Next {n} day"),
    "sports.upcoming.other": ("未来 {n} 天", "Next {n} days"),
    "sports.more": ("还有 {n} 项", "{n} more"),
    "sports.no_upcoming": ("暂无安排", "nothing planned"),
    # Care tab
    "key.care_book": ("通讯录", "book"),
    "help.care_book": (
        "通讯录、个人往来、近期生日、回访待办",
        "address book, birthdays, follow-ups",
    ),
    "key.care_visits": ("慰问", "visit"),
    "help.care_visits": ("慰问记录及按事由、年份的金额合计", "visits, money by occasion and year"),
    "key.care_occasion": ("事由", "occasion"),
    "help.care_occasion": (
        "按事由筛选慰问，逐个切换后回到全部",
        "one occasion's visits, each in turn",
    ),
    "care.by_occasion": (
        "慰问金额 · 按事由（历年合计 {total}）  o 筛选事由",
        "Money by occasion (all years: {total})  o filters",
    ),
    "care.by_year": ("按年份 · {occasion}", "By year · {occasion}"),
    "care.all_occasions": ("全部事由", "all occasions"),
    "care.no_money": ("还没有记金额的慰问", "no visit with an amount yet"),
    "care.more.one": ("……另 {n} 项", "… {n} more"),
    "care.more.other": ("……另 {n} 项", "… {n} more"),
    "care.pick_person": (
        "在左侧选一个人，这里显示其往来记录",
        "pick a person on the left to see their history",
    ),
    "care.no_people": ("通讯录还是空的：按 a 添加", "the address book is empty: a adds someone"),
    "care.birthday": ("生日 {mmdd}", "birthday {mmdd}"),
    "care.next_birthday": ("下次 {next}（{when}）", "next {next} ({when})"),
    "care.no_birthday": ("未记生日", "no birthday on file"),
    "care.visits.one": ("慰问 {n} 次", "{n} visit"),
    "care.visits.other": ("慰问 {n} 次", "{n} visits"),
    "care.talks.one": ("谈话 {n} 次", "{n} talk"),
    "care.talks.other": ("谈话 {n} 次", "{n} talks"),
    "care.latest": ("（最近 {n} 次）", " (latest {n})"),
    "care.ambiguous": (
        "注意：有同名人员，部门空缺或\n不符的记录无法区分，未计入",
        "ambiguous: a namesake exists;\nrecords without a telling dept\nare not counted",
    ),
    "care.birthdays": ("{days} 天内的生日", "Birthdays in the next {days} days"),
    "care.no_birthdays": ("近期没有人过生日", "no birthday coming up"),
    "care.follow_ups": ("回访待办（Tab 移到此处，x 完成）", "Visit follow-ups (Tab here, x: done)"),
    "care.no_follow_ups": ("没有待办的回访", "no visit follow-up due"),
    # undo journal (issue 8)
    "change.done": ("完成{kind}的跟进", "follow-up done: {kind}"),
    "journal.import.one": ("导入 {n} 条记录", "import of {n} record"),
    "journal.import.other": ("导入 {n} 条记录", "import of {n} records"),
    "journal.settings": ("设置", "settings"),
    "journal.changed_since": (
        "{what} {id} 在那之后又被修改过（也许是另一个 cadre 进程），撤销不会覆盖它",
        "{what} {id} was changed since (perhaps by another cadre process); undo will not "
        "overwrite it",
    ),
    "journal.unwritable": (
        "修改已保存，但撤销记录 {path} 写不进去（{detail}）：这次修改不能用 u 或 cadre undo 撤销",
        "The change is saved, but the undo journal {path} could not be written ({detail}): "
        "this change cannot be undone with u or cadre undo",
    ),
    "undo.list_head": ("cadre undo 会依次撤销（最新的在前）：", "cadre undo reverts, newest first:"),
}


_language = "en"


def t(key: str, **params: object) -> str:
    """The message `key` in the current language, with `params` filled in."""
    zh, en = CATALOG[key]
    text = zh if _language == "zh" else en
    return text.format(**params) if params else text


def set_language(language: str) -> None:
    """Choose the language of every message from now on."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(language)
    _language = language


def get_language() -> str:
    """The language messages are in now."""
    return _language


def language_from_locale(environ: dict[str, str] | None = None) -> str:
    """zh for a Chinese locale (LC_ALL, LC_MESSAGES or LANG), en for any other."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def choose_language(
    cli: str | None, settings: str | None, environ: dict[str, str] | None = None
) -> str:
    """--lang, then CADRE_LANG, then the settings, then the locale."""
    env = os.environ if environ is None else environ
    for candidate in (cli, env.get("CADRE_LANG"), settings):
        if candidate in LANGUAGES:
            return candidate
    return language_from_locale(env)
