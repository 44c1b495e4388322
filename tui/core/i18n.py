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
    "field.monthly_quota": ("每月任务数", "per month"),
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
    "days.in": ("{n} 天后", "in {n} days"),
    "days.ago": ("{n} 天前", "{n} days ago"),
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
    "err.ref_kind": (
        "活动 {value} 不是{kind}活动",
        "campaign {value} is not a campaign for {kind}",
    ),
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
        "records still in this campaign: {count}; delete them first",
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
        "最新的可用备份：{backup}（可用 cadre restore 恢复）。",
        "Newest good backup: {backup} (cadre restore brings it back).",
    ),
    "file.no_backup": (
        "没有可恢复的备份；文件保持原样。",
        "There is no backup to restore; the file was left as it is.",
    ),
    "file.tightened": (
        "警告：{path} 的权限是 {old}，已收紧为 {new}",
        "warning: {path} had mode {old}; tightened to {new}",
    ),
    "file.locked": (
        "{holder}占用它的锁已超过 {seconds} 秒；请等它结束后再试（若它已卡住，可结束该进程）",
        "{holder} has held its lock for more than {seconds} s; try again when it has finished"
        " (or end it, if it is stuck)",
    ),
    "file.nolock": (
        "此文件系统不支持文件锁（{detail}），请把数据文件放在本地磁盘上",
        "this file system does not support locking ({detail}); keep the data file on a local disk",
    ),
    "file.write_failed": ("写入失败（{detail}）", "the write failed ({detail})"),
    "backup.none": ("没有备份", "no backups"),
    "backup.unknown": ("找不到备份 “{name}”", "no backup named '{name}'"),
    "backup.restored": ("已从 {backup} 恢复 {path}", "restored {path} from {backup}"),
    "backup.kept_current": ("恢复前的文件已另存为 {path}", "the file as it was is kept as {path}"),
    # store
    "undo.nothing": ("没有可以撤销的修改", "nothing to undo"),
    "undo.done": ("已撤销：{what}", "undone: {what}"),
    "change.add": ("新增 {what}", "added {what}"),
    "change.update": ("修改 {what}", "edited {what}"),
    "change.delete": ("删除 {what}", "deleted {what}"),
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
    "check.count": ("  {kind}：{count}", "  {kind}: {count}"),
    "check.records": ("记录：", "records:"),
    "check.problem": ("状态：无法使用 —— {problem}", "state: unusable — {problem}"),
    "check.lock_free": ("锁：空闲", "lock: free"),
    "check.lock_held": ("锁：被{holder}持有", "lock: held by {holder}"),
    "check.backups": ("备份：{count} 个，最新 {newest}", "backups: {count}, newest {newest}"),
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
        "fields to fix: {count}; nothing was saved",
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
    "overview.not_logged": (
        "今日积分 未记录 / 目标 {target}（按 a 记录）",
        "Today: not logged / {target} (press a)",
    ),
    "overview.total": ("总积分 {total}", "total {total}"),
    "overview.quotas": ("本月任务（征文·谈心）", "This month's quotas"),
    "overview.no_quotas": ("本月没有进行中的活动", "no campaign is running this month"),
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
        "dry run: {count} to add or replace; nothing was written",
    ),
    "import.done": (
        "已从 {source} 导入 {count} 条记录",
        "imported from {source}: {count} added or replaced",
    ),
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
    "report.count": ("次数", "count"),
    "report.campaigns": ("征文·谈心活动完成情况", "Campaign quotas"),
    "report.none": ("（无）", "(none)"),
    "report.month_column": ("月份", "month"),
    "report.done": ("完成/任务", "done/quota"),
    "report.verdict": ("结果", "verdict"),
    "report.running": ("进行中", "running"),
    "report.group": ("状态/奖项", "status / award"),
    "report.award": ("获{award}奖", "award: {award}"),
    "report.overdue": ("{due}（已逾期）", "{due} (overdue)"),
    "report.best": ("最好成绩", "best result"),
    "report.rank": ("第{rank}名", "rank {rank}"),
    "report.month_or_year": ("--month 与 --year 只能选一个", "give --month or --year, not both"),
    "report.bad_year": ("不是有效年份（{value}）；请输入 YYYY", "not a year ({value}); use YYYY"),
    "report.to_come": ("未开始", "to come"),
    "report.essays_heading": ("征文", "Essays"),
    "report.talks_heading": ("谈心谈话", "Talks"),
    "report.events_heading": ("文体活动", "Sports"),
    "report.visits_heading": ("关爱慰问", "Care visits"),
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
        "Import {source} ({count} to add or replace)?\nThe data file is backed up first.",
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
        "'{value}' is still in use (records: {count}); it stays",
    ),
    "err.cap_used": (
        "有 {count} 条学习记录超过新的每日上限，请先修改这些记录",
        "study records above the new daily cap: {count}; change them first",
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
    "care.no_birthdays": ("近期没有人过生日", "no birthday coming up"),
    "care.follow_ups": ("回访待办（Tab 移到此处，x 完成）", "Visit follow-ups (Tab here, x: done)"),
    "care.no_follow_ups": ("没有待办的回访", "no visit follow-up due"),
    # undo journal (issue 8)
    "form.waiting_for_lock": (
        "另一个进程正在写数据文件，等它写完就保存（Esc 放弃）……",
        "Another process is writing the data file; saving when it is done (Esc gives up) …",
    ),
    "change.done": ("完成跟进 {what}", "follow-up done: {what}"),
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
    "undo.list_head": (
        "cadre undo 会依次撤销（最新的在前）：",
        "cadre undo reverts, newest first:",
    ),
    # xlsx export (issue 8)
    "xlsx.total": ("合计", "Total"),
    "export.xlsx_to_terminal": (
        "xlsx 是二进制文件，不能输出到终端；请用 -o 文件名",
        "an xlsx file is binary, not for a terminal; give -o FILE",
    ),
    # plurals (issue 8)
    "days.overdue.one": ("逾期 {n} 天", "{n} day overdue"),
    "days.overdue.other": ("逾期 {n} 天", "{n} days overdue"),
    "check.size.one": ("大小：{n} 字节，权限 {mode}", "size: {n} byte, mode {mode}"),
    "check.size.other": ("大小：{n} 字节，权限 {mode}", "size: {n} bytes, mode {mode}"),
    "check.invalid.one": ("{n} 条记录有问题：", "{n} record has problems:"),
    "check.invalid.other": ("{n} 条记录有问题：", "{n} records have problems:"),
    "today.points.one": (
        "学习强国：今天 {points}/{n} 分，连续达标 {streak} 天",
        "Study: {points}/{n} point today, {streak}-day streak",
    ),
    "today.points.other": (
        "学习强国：今天 {points}/{n} 分，连续达标 {streak} 天",
        "Study: {points}/{n} points today, {streak}-day streak",
    ),
    "overview.points.one": ("今日积分 {points} / 目标 {n}", "Today {points} / {n} point"),
    "overview.points.other": ("今日积分 {points} / 目标 {n}", "Today {points} / {n} points"),
    "overview.streak.one": ("连续达标 {n} 天", "streak {n} day"),
    "overview.streak.other": ("连续达标 {n} 天", "streak {n} days"),
    "overview.spark.one": (
        "近 {n} 天积分：日均 {avg}，{met}",
        "Last {n} day: {avg} a day on average, {met}",
    ),
    "overview.spark.other": (
        "近 {n} 天积分：日均 {avg}，{met}",
        "Last {n} days: {avg} a day on average, {met}",
    ),
    "overview.at_target.one": ("达标 {n} 天", "{n} day at target"),
    "overview.at_target.other": ("达标 {n} 天", "{n} days at target"),
    "overview.upcoming.one": ("近期安排与待办（{n} 天内）", "Coming up and due (next {n} day)"),
    "overview.upcoming.other": ("近期安排与待办（{n} 天内）", "Coming up and due (next {n} days)"),
    "sports.others.one": ("其他 {n} 项", "{n} other"),
    "sports.others.other": ("其他 {n} 项", "{n} others"),
    "care.birthdays.one": ("{n} 天内的生日", "Birthdays in the next {n} day"),
    "care.birthdays.other": ("{n} 天内的生日", "Birthdays in the next {n} days"),
    "report.pair": ("{first}，{second}", "{first}, {second}"),
    "report.points_over": ("{points}，{days}", "{points} over {days}"),
    "report.points.one": ("积分合计 {n} 分", "{n} point"),
    "report.points.other": ("积分合计 {n} 分", "{n} points"),
    "report.days_logged.one": ("记录 {n} 天", "{n} logged day"),
    "report.days_logged.other": ("记录 {n} 天", "{n} logged days"),
    "report.at_target.one": (
        "达标 {n} 天（每日目标 {target} 分）",
        "{n} day at the target of {target}",
    ),
    "report.at_target.other": (
        "达标 {n} 天（每日目标 {target} 分）",
        "{n} days at the target of {target}",
    ),
    "report.current_streak.one": ("当前连续达标 {n} 天", "current streak {n} day"),
    "report.current_streak.other": ("当前连续达标 {n} 天", "current streak {n} days"),
    "report.longest_streak.one": ("期间最长连续 {n} 天", "longest in the period {n} day"),
    "report.longest_streak.other": ("期间最长连续 {n} 天", "longest in the period {n} days"),
    "report.sessions.one": ("集中学习 {n} 次", "{n} session"),
    "report.sessions.other": ("集中学习 {n} 次", "{n} sessions"),
    "report.hours.one": ("共 {n} 学时", "{n} hour"),
    "report.hours.other": ("共 {n} 学时", "{n} hours"),
    "report.essays.one": ("征文 {n} 篇", "{n} essay"),
    "report.essays.other": ("征文 {n} 篇", "{n} essays"),
    "report.words.one": ("共 {n} 字", "{n} word"),
    "report.words.other": ("共 {n} 字", "{n} words"),
    "report.talks.one": ("谈心谈话 {n} 次", "{n} talk"),
    "report.talks.other": ("谈心谈话 {n} 次", "{n} talks"),
    "report.open_follow_ups.one": ("待跟进 {n} 项", "{n} follow-up open"),
    "report.open_follow_ups.other": ("待跟进 {n} 项", "{n} follow-ups open"),
    "report.events.one": ("参加文体活动 {n} 次", "{n} event"),
    "report.events.other": ("参加文体活动 {n} 次", "{n} events"),
    "report.visits.one": (
        "关爱慰问 {n} 次，金额合计 {amount} 元",
        "{n} visit, {amount} yuan in all",
    ),
    "report.visits.other": (
        "关爱慰问 {n} 次，金额合计 {amount} 元",
        "{n} visits, {amount} yuan in all",
    ),
    # hardening (issue 9)
    "file.unusable": (
        "无法使用数据文件 {path}：{problem}。",
        "Cannot use the data file {path}: {problem}.",
    ),
    "file.not_saved": ("未能保存到 {path}：{problem}。", "Nothing was saved to {path}: {problem}."),
    "file.bad_backup": (
        "无法从 {path} 恢复：{problem}。数据文件未改动。",
        "Cannot restore from {path}: {problem}. The data file was not changed.",
    ),
    "file.holder_named": ("进程 {pid}（{name}）", "process {pid} ({name})"),
    "file.holder": ("进程 {pid}", "process {pid}"),
    "file.holder_unknown": ("另一个进程", "another process"),
    "file.read_only": (
        "它是只读的（权限 {mode}）；要修改，请先让它可写（chmod u+w）",
        "it is read-only (mode {mode}); to change it, make it writable first (chmod u+w)",
    ),
    "file.not_writable": (
        "cadre 无权写入它（权限 {mode}，或文件系统只读）",
        "cadre may not write to it (mode {mode}, or a read-only file system)",
    ),
    "file.no_folder": ("无法创建该文件夹（{detail}）", "the folder cannot be created ({detail})"),
    "file.backup_failed": (
        "修改前的备份无法写入 {folder}：{reason}",
        "the backup before the change could not be written to {folder}: {reason}",
    ),
    "file.cut_short": (
        "内容不完整或已被覆盖（不是一个完整的 JSON 对象）",
        "it is cut short or overwritten (not one whole JSON object)",
    ),
    "file.disk_full": ("磁盘已满（{detail}）", "the disk is full ({detail})"),
    "file.quota": ("磁盘配额已用完（{detail}）", "the disk quota is used up ({detail})"),
    "file.too_large": (
        "文件会超过允许的大小（{detail}，见 ulimit -f）",
        "the file would pass the size limit ({detail}; see ulimit -f)",
    ),
    "file.read_only_fs": (
        "文件系统是只读的（{detail}）",
        "the file system is read-only ({detail})",
    ),
    "file.denied": ("没有写入权限（{detail}）", "permission to write was denied ({detail})"),
    "check.backup_bad": ("  损坏的备份 {name}：{problem}", "  damaged backup {name}: {problem}"),
    "backup.column.name": ("备份", "backup"),
    "backup.column.bytes": ("字节", "bytes"),
    "backup.column.state": ("状态", "state"),
    "backup.ok": ("正常", "ok"),
    "backup.kept_nothing": (
        "原来没有数据文件，无需另存",
        "there was no data file before, so nothing was kept",
    ),
    "err.lock_timeout": (
        "应为不小于 0 的秒数，而不是 “{value}”",
        "expected a number of seconds ≥ 0, not '{value}'",
    ),
    "app.read_only_title": ("cadre（只读）", "cadre (read-only)"),
    "app.read_only_banner": (
        "只读：{path} 只能查看，不能修改",
        "Read-only: {path} can be viewed, not changed",
    ),
    "app.read_only_edit": (
        "只读：{path} 不能修改 —— {problem}",
        "Read-only: {path} cannot be changed — {problem}",
    ),
    # cli edit, references, help (issue 8)
    "ref.ambiguous": (
        "“{value}” 对应 {count} 条记录，请写出更长的编号：",
        "'{value}' fits {count} records; give more of the id:",
    ),
    "ref.more": ("……另有 {count} 条", "… and {count} more"),
    "ref.short": (
        "编号至少要写 {minimum} 位（“{value}” 太短）",
        "an id needs at least {minimum} characters ('{value}' is too short)",
    ),
    "ref.short_or_title": (
        "请写出编号的至少 {minimum} 位，或活动的完整标题（“{value}” 两者都不是）",
        "give at least {minimum} characters of an id, or the campaign's exact title "
        "('{value}' is neither)",
    ),
    "ref.unknown": (
        "没有编号以 “{value}” 开头的{kinds}",
        "no {kinds} has an id beginning with '{value}'",
    ),
    "ref.unknown_or_title": (
        "没有编号以 “{value}” 开头或标题正是 “{value}” 的{kinds}",
        "no {kinds} has an id beginning with '{value}' or the title '{value}'",
    ),
    "ref.or": ("或", " or "),
    "ref.any_record": ("记录", "record"),
    "err.nothing_to_change": (
        "没有要修改的内容：请写 --字段 值，或 --clear 字段（可清空：{fields}）",
        "nothing to change: give --field value, or --clear FIELD (these can be cleared: {fields})",
    ),
    "err.clear_unknown": (
        "“{value}” 不是可清空的字段（可清空：{options}）",
        "'{value}' is not a field that can be cleared (these can: {options})",
    ),
    "err.clear_required": (
        "{field} 是必填字段，不能清空",
        "{field} is required and cannot be cleared",
    ),
    "err.clear_given": (
        "{field} 不能既赋值又清空",
        "{field} cannot be given a value and cleared at once",
    ),
    "err.delete_needs_yes": (
        "标准输入不是终端，无法询问：确定要删除请加 --yes",
        "stdin is not a terminal, so cadre cannot ask first: add --yes to delete",
    ),
    "cli.edited": ("已修改：{what}", "edited: {what}"),
    "cli.deleted": ("已删除：{what}", "deleted: {what}"),
    "cli.delete_confirm": ("删除 {what}？", "Delete {what}?"),
    "cli.not_deleted": ("未删除", "not deleted"),
    "cli.done": ("已完成跟进：{what}", "follow-up done: {what}"),
    "cli.already_done": ("此前已完成跟进：{what}", "follow-up already done: {what}"),
    "cli.help.usage": ("用法：", "Usage: "),
    "cli.help.options": ("选项：", "Options:"),
    "cli.help.commands": ("命令：", "Commands:"),
    "cli.help.kinds": ("记录类别：", "Kinds:"),
    "cli.help.help": ("显示本帮助并退出", "Show this message and exit."),
    "cli.help.version": ("显示版本并退出", "Show the version and exit."),
    "cli.help.db": (
        "数据文件（默认在用户数据目录；环境变量 CADRE_DB）",
        "Data file (default: the user data folder; env CADRE_DB).",
    ),
    "cli.help.lang": (
        "界面语言（环境变量 CADRE_LANG；否则按设置，再按 LANG）",
        "Language of messages (env CADRE_LANG; else the settings, then LANG).",
    ),
    "cli.help.demo": (
        "在演示数据的全新副本上打开界面",
        "Open the TUI on a fresh copy of the demo data.",
    ),
    "cli.help.field": ("{label}：{takes}", "{label}: {takes}"),
    "cli.help.required": ("（必填）", " (required)"),
    "cli.help.type.text": ("文字", "text"),
    "cli.help.type.int": ("不小于 {minimum} 的整数", "a whole number ≥ {minimum}"),
    "cli.help.type.decimal": ("不小于 0 的数，如 500 或 1.5", "a number ≥ 0, such as 500 or 1.5"),
    "cli.help.type.date": ("日期，{forms}", "a date: {forms}"),
    "cli.help.type.month": (
        "月份，可写 YYYY-MM（或 YYYY-M，分隔符也可用 / 或 .）、M（今年该月）、this/本月、last/上月",
        "a month: YYYY-MM (or YYYY-M; / or . for -), M (that month this year), this/本月, "
        "last/上月",
    ),
    "cli.help.type.time": ("时间 HH:MM（24 小时制）", "a time, HH:MM (24-hour clock)"),
    "cli.help.type.mmdd": ("月-日 MM-DD（或 M-D、M/D）", "a month and day, MM-DD (or M-D, M/D)"),
    "cli.help.type.bool": ("开关：写上即为“是”", "a flag: given means yes"),
    "cli.help.type.choice": ("可选 [{choices}]", "one of [{choices}]"),
    "cli.help.type.names": (
        "姓名；每人写一次本选项（或用 , ， 、 隔开）",
        "a name; repeat the option for each (or separate them with , ， or 、)",
    ),
    "cli.help.type.items": (
        "项目=积分，可重复；项目：{items}",
        "item=points, repeatable; the items: {items}",
    ),
    "cli.help.type.ref": (
        "活动编号（至少 {prefix} 位，如 cadre list 所示）或活动的完整标题",
        "a campaign's id ({prefix} or more characters, as cadre list shows it) or its exact title",
    ),
    "cli.help.date_forms": (
        "可写 YYYY-MM-DD、YYYY-M-D、YYYYMMDD、M-D（今年）、-N 或 +N（N 天前或后，N ≤ 9999）、"
        "{today}、{yesterday}、{tomorrow}；其中的 - 也可写作 / 或 .",
        "YYYY-MM-DD, YYYY-M-D, YYYYMMDD, M-D (this year), -N or +N (N days ago or ahead, "
        "N ≤ 9999), {today}, {yesterday}, {tomorrow}; / or . may stand for -",
    ),
    "cli.help.clear": (
        "清空一个选填字段（可重复；有默认值的选项回到默认值）。cadre edit 编号 --help 列出可清空的字段",
        "Empty an optional field (repeatable; a choice with a default goes back to it). "
        "cadre edit ID --help lists the fields",
    ),
    "cli.help.clear_fields": (
        "清空一个选填字段（可重复；有默认值的选项回到默认值）：{fields}",
        "Empty an optional field (repeatable; a choice with a default goes back to it): {fields}",
    ),
    "cli.help.yes": (
        "不询问，直接删除（标准输入不是终端时必须加）",
        "Delete without asking (needed when stdin is not a terminal).",
    ),
    "cli.help.since": ("起始日期（含），{forms}", "First date (inclusive): {forms}."),
    "cli.help.until": ("截止日期（含），{forms}", "Last date (inclusive): {forms}."),
    "cli.help.json": ("输出记录的 JSON 数组", "Print a JSON array of the records."),
    "cli.help.dry_run": (
        "只检查文件，显示将有哪些变化",
        "Check the file and show what would change.",
    ),
    "cli.help.month": (
        "月份（YYYY-MM、M、本月、上月；默认本月）",
        "The month (YYYY-MM, M, this or last; default: this month).",
    ),
    "cli.help.year": ("整年（YYYY）", "The whole year (YYYY)."),
    "cli.help.report_format": ("输出格式", "The output format."),
    "cli.cmd.cli": (
        "cadre：个人的学习强国积分、征文与谈心、文体活动和关爱慰问记录。不带命令时打开界面。",
        "cadre: your own record of study points, campaigns, sports and care visits. "
        "With no command it opens the TUI.",
    ),
    "cli.cmd.add": (
        "新增一条记录：cadre add 类别 --字段 值 …",
        "Add one record: cadre add KIND --field value …",
    ),
    "cli.cmd.add_kind": (
        "新增一条{kind}记录，并显示其编号",
        "Add one {kind} record and print its id.",
    ),
    "cli.cmd.list": (
        "列出某类记录（表格，或 --json）",
        "List the records of KIND as a table (or JSON).",
    ),
    "cli.cmd.edit": (
        "修改一条记录：cadre edit 编号 --字段 值 … [--clear 字段]；cadre edit 编号 --help 列出该类记录的选项",
        "Change a record: cadre edit ID --field value … [--clear FIELD]; "
        "cadre edit ID --help lists the options of its kind.",
    ),
    "cli.cmd.delete": (
        "删除一条记录（在终端上先询问）",
        "Delete a record (asks first on a terminal).",
    ),
    "cli.cmd.done": (
        "把谈心谈话或关爱慰问的跟进标为已完成",
        "Mark a talk's or a visit's follow-up done.",
    ),
    "cli.cmd.show": (
        "完整显示一条记录：每个字段及其名称",
        "Print one record whole, every field labelled.",
    ),
    "cli.cmd.today": (
        "登录时看的几行：今日积分、本月未完成的任务、近期事项",
        "A few lines for a login banner: today's points, open quotas, what is due.",
    ),
    "cli.cmd.check": ("报告数据文件的状态", "Report the state of the data file."),
    "cli.cmd.settings": (
        "显示设置；set、add、remove 修改设置",
        "Show the settings; set, add and remove change them.",
    ),
    "cli.cmd.settings_set": (
        "设置 KEY（language、timezone、study_target、upcoming_days、backups_keep 等）为 VALUE",
        "Set KEY (language, timezone, study_target, upcoming_days, backups_keep …) to VALUE.",
    ),
    "cli.cmd.settings_add": (
        "向类别 CATEGORY 添加 VALUE（sports 冰壶），或学习项目及上限（study_items 新项目=5）",
        "Add VALUE to CATEGORY (sports 冰壶), or a study item and its cap (study_items 新项目=5).",
    ),
    "cli.cmd.settings_remove": (
        "从类别 CATEGORY 删去 VALUE（仍有记录使用时不允许）",
        "Take VALUE out of CATEGORY (refused while a record uses it).",
    ),
    "cli.cmd.backups": (
        "列出数据文件的备份（最新的在最后）",
        "List the backups of the data file, newest last.",
    ),
    "cli.cmd.restore": (
        "用备份 BACKUP（cadre backups 列出的名称或路径）替换数据文件",
        "Replace the data file with BACKUP (a name from cadre backups, or a path).",
    ),
    "cli.cmd.export": (
        "导出记录：JSON、CSV 供程序使用，xlsx 供人阅读",
        "Export records: JSON or CSV for machines, xlsx for people.",
    ),
    "cli.cmd.import": (
        "导入 cadre 导出文件：要么全部导入，要么一条也不导入",
        "Import a cadre export: all of it or, if any record is refused, none of it.",
    ),
    "cli.cmd.undo": (
        "撤销任何 cadre 进程（界面、命令行或导入）最新的一次修改；再运行一次继续往前撤销",
        "Revert the newest change made by any cadre process (the TUI, the CLI or an import); "
        "run it again to go further back.",
    ),
    "cli.cmd.report": (
        "某月或某年的合计、连续达标、任务完成情况及各类记录",
        "Totals, streaks, quota verdicts and the records of a month or a year.",
    ),
    # huge and odd values (issue 9, item 6)
    "err.decimal_places": (
        "最多 {places} 位小数（金额精确到分），收到 “{value}”",
        "at most {places} decimals (an amount is to the cent), got '{value}'",
    ),
    # fuzz findings (issue 9)
    "cli.saved_interrupted": (
        "已中断；但更改在此之前已经保存。",
        "interrupted; the change had already been saved.",
    ),
    "cli.saved_output_lost": (
        "更改已保存，但无法写出输出（{detail}）。",
        "The change was saved, but its output could not be written ({detail}).",
    ),
    "cli.saved_then_failed": (
        "更改已保存，但随后出错：{message}",
        "The change was saved, but then this failed: {message}",
    ),
    "cli.output_lost": (
        "无法写出输出（{detail}）。数据文件未改动。",
        "The output could not be written ({detail}). The data file was not changed.",
    ),
    "cli.needs_terminal": (
        "cadre 的界面需要在终端中运行（标准输入和标准错误都须是终端）；在脚本中请使用子命令。",
        "cadre's screens need a terminal (stdin and stderr must be one); in a script, use a command.",
    ),
    "file.bad_record.one": (
        "{n} 条记录不符合规则：{kind} {id}（{problem}）；请手工修正（cadre check --records 会列出）",
        "{n} record breaks the rules: the {kind} {id} ({problem}); fix it by hand "
        "(cadre check --records lists it)",
    ),
    "file.bad_record.other": (
        "{n} 条记录不符合规则：{kind} {id}（{problem}）；请手工修正（cadre check --records 会列出）",
        "{n} records break the rules, the first the {kind} {id} ({problem}); fix them by hand "
        "(cadre check --records lists them)",
    ),
    "cli.no_file_name": ("没有给出文件名", "it names no file"),
    "import.not_regular": (
        "它不是普通文件（而是设备、FIFO 或文件夹），未读取",
        "it is not a regular file (a device, a FIFO or a folder), so it was not read",
    ),
    "import.too_large": (
        "文件超过 {megabytes} MB，远大于任何 cadre 导出文件，未读取",
        "it is larger than {megabytes} MB, far beyond any cadre export, so it was not read",
    ),
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
