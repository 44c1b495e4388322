"""Deterministic (seeded) generator of cadre data files: the shipped demo year and heavy histories.

Records are built through tui.core.records.KINDS and every one is checked with Store.check."""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import uuid
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pendulum

from tui.core.migrate import META_DOC, META_TABLE, Data, new_data
from tui.core.records import KINDS, FieldError
from tui.core.storage import atomic_write, dump_data
from tui.core.store import SETTINGS_DOC, SETTINGS_TABLE, Store, merge_settings

DEMO_TODAY = date(2026, 11, 27)  # the demo's "today", stored as _meta.demo_today
DEMO_SEED = 20261127
OFFSET = "+08:00"  # Asia/Shanghai has no daylight saving time
TIMEZONE = "Asia/Shanghai"
TARGET = 30

# The share of each kind in a --records history, by --mix. Study dates are unique, so study
# days are capped near 30% (15,000 consecutive days, ~41 years, at 50,000 records) and the other
# kinds, which may fall many to a day, fill the rest over the same span. "heavy" is the history
# of issue 10 that missed the budgets: at 50,000 records 13,000 study days, 10,000 sessions and
# talks, 6,000 events, 5,000 essays and visits, 800 people and 200 campaigns.
MIXES = {
    "default": {
        "study": 0.30,
        "talk": 0.20,
        "session": 0.15,
        "visit": 0.15,
        "event": 0.10,
        "essay": 0.07,
        "person": 0.02,
        "campaign": 0.01,
    },
    "heavy": {
        "study": 0.26,
        "session": 0.20,
        "talk": 0.20,
        "event": 0.12,
        "essay": 0.10,
        "visit": 0.10,
        "person": 0.016,
        "campaign": 0.004,
    },
}

# --- the demo's cast and stories ------------------------------------------------------------

# name, dept, birthday (three fall within two weeks after DEMO_TODAY: 11-29, 12-03, 12-08)
PEOPLE = (
    ("王芳", "办公室", "03-14", "办公室主任"),
    ("李强", "人事处", "11-29", ""),
    ("张伟", "财务处", "07-02", ""),
    ("刘洋", "法规处", "05-21", ""),
    ("陈静", "综合处", "12-03", "同处室"),
    ("杨帆", "信息中心", "09-17", ""),
    ("赵磊", "机关党委", "01-08", "机关党委专职副书记"),
    ("黄丽", "机关工会", "06-25", "工会女职工委员"),
    ("周敏", "办公室", "04-30", ""),
    ("吴涛", "规划处", "08-11", ""),
    ("徐婷", "人事处", "02-19", "2025年新入职"),
    ("孙浩", "财务处", "10-05", ""),
    ("胡军", "后勤服务中心", "03-28", "困难职工"),
    ("朱琳", "法规处", "01-26", ""),
    ("高峰", "综合处", "06-06", "处长"),
    ("林晓燕", "信息中心", "09-02", "入党积极分子"),
    ("何建国", "规划处", "09-30", "2026年9月退休"),
    ("郭佳", "办公室", "12-08", ""),
    ("马超", "后勤服务中心", None, ""),
    ("罗雪", "机关党委", "10-10", "支部组织委员"),
    ("梁志刚", "综合处", "02-02", ""),
    ("宋雨桐", "财务处", "05-05", ""),
    ("郑凯", "信息中心", "07-19", ""),
    ("谢红梅", "人事处", "03-08", ""),
    ("韩冬", "规划处", "11-08", ""),
    ("田甜", "办公室", "08-24", ""),
)

SESSION_FIELDS = ("date", "kind", "topic", "hours", "role", "note")
SESSIONS = (
    ("2025-12-05", "中心组学习", "学习贯彻党的二十届四中全会精神", "3", "列席", ""),
    ("2025-12-18", "会前学法", "《中华人民共和国保守国家秘密法》解读", "0.5", "参加", ""),
    ("2026-01-09", "支部学习", "学习《中国共产党章程》总纲", "1.5", "参加", ""),
    ("2026-01-23", "专题培训", "2026年度保密知识专题培训", "3", "参加", "线上考试92分"),
    ("2026-02-27", "党课", "书记讲党课：以高质量党建引领机关作风建设", "2", "参加", ""),
    ("2026-03-05", "主题党日", "学雷锋志愿服务主题党日", "3", "参加", "到社区开展便民服务"),
    ("2026-03-19", "会前学法", "《中华人民共和国民法典》合同编要点", "0.5", "参加", ""),
    ("2026-04-03", "主题党日", "清明祭英烈 重温入党誓词", "2.5", "参加", ""),
    ("2026-04-16", "支部学习", "学习《中国共产党纪律处分条例》", "1.5", "主讲", "准备了20页讲稿"),
    ("2026-05-14", "专题培训", "公文写作与信息报送能力提升培训", "6", "参加", ""),
    ("2026-05-28", "中心组学习", "深入学习贯彻中央八项规定精神", "2", "列席", ""),
    ("2026-06-18", "支部学习", "“七一”前夕党史专题学习", "1.5", "参加", ""),
    ("2026-06-30", "党课", "庆祝中国共产党成立105周年专题党课", "2", "参加", ""),
    ("2026-07-17", "会前学法", "《中华人民共和国行政复议法》学习", "0.5", "参加", ""),
    ("2026-08-14", "支部学习", "学习“学习强国”平台重点文章", "1", "请假", "出差"),
    ("2026-09-11", "专题培训", "意识形态工作专题培训", "3", "参加", ""),
    ("2026-09-25", "主题党日", "走进社区开展文明城市创建志愿服务", "3", "参加", ""),
    ("2026-10-23", "中心组学习", "专题研讨机关作风建设", "2.5", "列席", "做会议记录"),
    ("2026-11-06", "支部学习", "年度组织生活会会前学习", "1.5", "参加", ""),
    ("2026-11-20", "会前学法", "《中华人民共和国安全生产法》要点", "0.5", "参加", ""),
)

CAMPAIGN_FIELDS = ("kind", "title", "start", "end", "monthly_quota", "organizer", "note")
CAMPAIGNS = {
    "essay": (
        "essay",
        "“奋进新征程 建功新时代”主题征文",
        "2026-03",
        "2026-06",
        2,
        "机关党委",
        "每月至少2篇，择优推荐参加市直机关评选",
    ),
    "talk": ("talk", "2026年“谈心谈话 凝心聚力”专项活动", "2026-07", "2026-10", 3, "机关党委", ""),
    "running": ("talk", "岁末年初谈心谈话", "2026-11", "2026-12", 3, "综合处党支部", ""),
}

# March 2/2 met, April 1/2 missed, May 2/2 met, June met even without the draft
ESSAY_FIELDS = ("date", "title", "words", "status", "award", "note")
ESSAYS = (
    ("2026-03-14", "以党建引领机关作风建设的几点思考", 3200, "获奖", "二等", ""),
    ("2026-03-28", "在服务群众中践行初心使命", 2800, "未获奖", "", ""),
    ("2026-04-22", "数字化办公助力机关效能提升", 2500, "入围", "", "四月工作忙，只交了一篇"),
    ("2026-05-09", "从“学习强国”积分看学习习惯养成", 2100, "获奖", "优秀", ""),
    ("2026-05-26", "调研路上的一点体会", 3000, "已提交", "", ""),
    ("2026-06-05", "把“为民服务”落到每一件小事上", 2400, "已提交", "", ""),
    ("2026-06-12", "新时代机关青年的使命与担当", 2600, "获奖", "三等", "推荐参加市直机关评选"),
    ("2026-06-20", "守正创新 做好新时代工会工作", 2900, "退回修改", "", "按评审意见压缩到2500字"),
    ("2026-06-29", "一名普通党员的初心", 1500, "草稿", "", ""),
)

# July 3/3 met, August 2/3 missed, September 4/3 met, October 3/3 met, November 2/3 so far
TALK_FIELDS = (
    "date",
    "campaign",
    "person",
    "dept",
    "place",
    "talk_type",
    "topic",
    "concerns",
    "follow_up",
    "follow_up_due",
    "follow_up_done",
)
TALKS = (
    ("2026-01-15", None, "徐婷", "人事处", "小会议室", "勉励", "入职半年的适应情况",
     "对公文格式和审核流程还不熟，担心出错", "推荐参加公文写作培训，安排老同志帮带",
     "2026-02-28", True),
    ("2026-04-09", None, "梁志刚", "综合处", "办公室", "关怀", "身体状况和工作安排",
     "颈椎病反复发作，久坐后加重", "与处长沟通，调整近期加班安排", "2026-04-30", True),
    ("2026-06-16", None, "胡军", "后勤服务中心", "食堂", "日常谈心", "家庭近况",
     "爱人生病住院，家里经济压力大", "了解困难帮扶申请条件，报机关工会", "2026-07-10", True),
    ("2026-07-08", "talk", "郑凯", "信息中心", "党支部活动室", "勉励", "新婚后的工作生活安排",
     "希望参与系统升级项目积累经验", "向信息中心推荐参加项目组", "2026-08-15", True),
    ("2026-07-16", "talk", "周敏", "办公室", "小会议室", "日常谈心", "上半年工作回顾",
     "文稿任务集中，周末经常加班", "", None, False),
    ("2026-07-29", "talk", "高峰", "综合处", "办公室", "提醒", "公务接待规范",
     "对接待标准的最新规定理解不一致", "整理接待标准要点发给处室学习", "2026-08-10", True),
    ("2026-08-12", "talk", "宋雨桐", "财务处", "党支部活动室", "关怀", "产假结束返岗",
     "孩子还小，担心不能按时下班接送", "与财务处协商弹性上下班时间", "2026-08-31", True),
    ("2026-08-27", "talk", "吴涛", "规划处", "小会议室", "日常谈心", "职称评审准备",
     "论文发表进度慢，想请教写作经验", "", None, False),
    ("2026-09-03", "talk", "林晓燕", "信息中心", "党支部活动室", "勉励", "入党积极分子培养",
     "希望尽早参加入党积极分子培训", "联系机关党委了解下期培训时间", "2026-10-30", False),
    ("2026-09-10", "talk", "朱琳", "法规处", "小会议室", "日常谈心", "法律顾问工作量",
     "合同审查任务多，人手紧张", "向处长反映增配人员的需求", "2026-09-30", True),
    ("2026-09-18", "talk", "韩冬", "规划处", "办公室", "提醒", "廉洁自律",
     "亲属在辖区内经营企业，询问回避要求", "提醒按规定报告个人有关事项", None, False),
    ("2026-09-24", "talk", "田甜", "办公室", "党支部活动室", "关怀", "家中老人照护",
     "父亲退休后独居，每周要回老家", "", None, False),
    ("2026-10-09", "talk", "孙浩", "财务处", "小会议室", "日常谈心", "年底决算准备",
     "预算系统操作不熟练", "请信息中心安排一次系统操作培训", "2026-11-15", False),
    ("2026-10-20", "talk", "杨帆", "信息中心", "办公室", "勉励", "网络安全攻防演练表现",
     "希望参加更高级别的技术培训", "推荐报名省里的网络安全培训班", "2026-11-10", True),
    ("2026-10-28", "talk", "罗雪", "机关党委", "党支部活动室", "年度", "年度思想工作情况",
     "对年度考核的评分办法有疑问", "把评分细则发给她，并在支部会上说明", "2026-11-05", True),
    ("2026-11-12", "running", "陈静", "综合处", "小会议室", "年度", "年度工作总结与明年打算",
     "想调整分管工作，多做调研", "向处长转达调岗意愿", "2026-12-02", False),
    ("2026-11-24", "running", "马超", "后勤服务中心", "食堂", "关怀", "家中变故后的情绪与生活",
     "母亲一人在老家，想请年休假回去陪伴", "协助办理年休假手续", "2026-12-06", False),
)  # fmt: skip

EVENT_FIELDS = (
    "date",
    "time",
    "sport",
    "sub_event",
    "location",
    "team",
    "role",
    "result",
    "rank",
    "award",
    "note",
)
EVENTS = (
    ("2025-12-20", "09:00", "健步走", "迎新年5公里健步走", "滨江公园", "综合处代表队", "运动员",
     "48分16秒", None, "完赛纪念奖", ""),
    ("2026-03-12", "15:00", "团体跳绳", "8字跳绳（2分钟）", "机关大院", "综合处代表队", "运动员",
     "142次", 2, "二等奖", ""),
    ("2026-04-18", "14:30", "拔河", "男女混合拔河", "机关大院", "综合处代表队", "运动员",
     "2:1", 1, "一等奖", "决赛三局两胜"),
    ("2026-04-25", "09:30", "羽毛球", "男子双打", "全民健身中心羽毛球馆", "综合处", "运动员",
     "1:2", 3, "三等奖", "半决赛惜败"),
    ("2026-05-16", "14:00", "乒乓球", "男子单打", "机关活动中心", "综合处", "运动员",
     "2:3", 5, "", "八进四惜败"),
    ("2026-05-30", "16:00", "足球", "五人制足球", "体育中心五人制球场", "机关联队", "替补",
     "2:1", 2, "亚军", "小组赛"),
    ("2026-06-13", "15:30", "篮球", "三人篮球", "机关篮球场", "综合处·信息中心联队", "运动员",
     "21:17", 4, "", ""),
    ("2026-09-19", "08:30", "健步走", "秋季10公里健步走", "环湖绿道", "综合处代表队", "运动员",
     "1小时38分", None, "完赛纪念奖", ""),
    ("2026-10-17", "15:00", "团体跳绳", "集体跳绳100次计时", "机关大院", "综合处代表队", "运动员",
     "45秒2", 3, "三等奖", ""),
    ("2026-10-24", "09:00", "羽毛球", "混合双打", "全民健身中心羽毛球馆", "", "裁判",
     "", None, "", "担任二号场地裁判"),
    ("2026-11-07", "14:30", "乒乓球", "团体赛", "机关活动中心", "综合处", "运动员",
     "3:1", 2, "二等奖", ""),
    ("2026-11-14", "15:00", "篮球", "机关篮球联赛", "机关篮球场", "", "志愿者",
     "", None, "", "负责记分"),
    ("2026-12-05", "14:30", "拔河", "迎新年拔河比赛", "机关大院", "综合处代表队", "运动员",
     "", None, "", "提前15分钟到场热身"),
    ("2026-12-09", "08:30", "健步走", "冬季5公里健步走", "滨江公园", "综合处代表队", "组织",
     "", None, "", "负责签到和补给"),
)  # fmt: skip

VISIT_FIELDS = (
    "date",
    "occasion",
    "person",
    "dept",
    "my_role",
    "visitors",
    "form",
    "amount",
    "fund_source",
    "follow_up_due",
    "note",
)
VISITS = (
    ("2025-12-12", "住院", "何建国", "规划处", "慰问人", ["黄丽", "赵磊"], "慰问金", "500.00",
     "工会经费", None, "膝关节手术，恢复良好"),
    ("2026-02-10", "节日", "刘国华", "离退休干部处", "慰问人", ["赵磊"], "慰问品", "300.00",
     "工会经费", None, "春节走访退休老党员"),
    ("2026-03-08", "女职工关爱", "谢红梅", "人事处", "经办", ["黄丽"], "其他", None,
     "工会经费", None, "三八节女职工健康讲座"),
    ("2026-04-11", "结婚", "郑凯", "信息中心", "慰问人", ["黄丽"], "慰问金", "800.00",
     "工会经费", None, ""),
    ("2026-05-20", "生育", "宋雨桐", "财务处", "慰问人", ["黄丽", "谢红梅"], "慰问品", "500.00",
     "工会经费", None, ""),
    ("2026-06-08", "生病", "梁志刚", "综合处", "慰问人", ["高峰"], "慰问品", "200.00",
     "工会经费", None, "颈椎病住院理疗"),
    ("2026-07-15", "丧事", "马超", "后勤服务中心", "经办", ["赵磊", "黄丽"], "慰问金", "1000.00",
     "工会经费", None, "父亲病故"),
    ("2026-08-26", "困难帮扶", "胡军", "后勤服务中心", "慰问人", ["黄丽", "赵磊"], "慰问金",
     "2000.00", "困难职工帮扶资金", "2026-12-10", "年底前再走访一次，了解医疗费报销进展"),
    ("2026-09-09", "生日", "本人", "综合处", "受慰问", [], "蛋糕券", "100.00",
     "工会经费", None, "工会生日蛋糕券"),
    ("2026-09-30", "退休", "何建国", "规划处", "慰问人", ["赵磊", "黄丽", "吴涛"], "纪念品",
     "600.00", "工会经费", None, "退休座谈会"),
    ("2026-10-10", "生日", "罗雪", "机关党委", "经办", [], "蛋糕券", "100.00",
     "工会经费", None, ""),
    ("2026-11-03", "住院", "孙浩", "财务处", "慰问人", ["张伟"], "慰问金", "500.00",
     "工会经费", "2026-11-20", "出院后再去家里看望"),
)  # fmt: skip

STUDY_NOTES = ("出差，用手机补学", "专项答题满分", "挑战答题错了一题", "周末陪孩子，少学了一些")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = ("伟", "芳", "娜", "敏", "静", "磊", "强", "军", "洋", "勇", "艳", "杰", "涛", "明", "超",
         "秀英", "晓燕", "建国", "志刚", "雨桐", "子涵", "浩然", "欣怡", "俊杰", "红梅", "海燕")  # fmt: skip
DEPTS = ("办公室", "人事处", "财务处", "法规处", "综合处", "规划处", "信息中心", "机关党委",
         "机关工会", "后勤服务中心")  # fmt: skip


class GenerationError(Exception):
    """The generator made a record the core refuses: a bug in the generator, never to be shipped."""

    def __init__(self, kind: str, record: Mapping[str, Any], problems: Sequence[FieldError]):
        listed = "; ".join(str(p) for p in problems)
        super().__init__(f"invalid {kind} record {record.get('id')}: {listed}")


class Builder:
    """Collects valid records table by table, with ids and timestamps drawn from one seeded RNG."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.stored_settings: dict[str, Any] = {"timezone": TIMEZONE}
        self.settings = merge_settings(self.stored_settings)
        self.tables: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in KINDS}

    def new_id(self) -> str:
        """A UUID4 string drawn from the seeded RNG."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def stamp(self, day: date, first_hour: int = 7, last_hour: int = 23) -> str:
        """An ISO-8601 moment on `day` in Asia/Shanghai."""
        second = self.rng.randrange(first_hour * 3600, last_hour * 3600)
        return f"{day.isoformat()}T{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}{OFFSET}"

    def add(
        self, kind: str, logged: date, values: Mapping[str, Any], edited: date | None = None
    ) -> dict[str, Any]:
        """Build, validate (Kind.validate) and keep one record; raise GenerationError if invalid.

        `logged` is the day it was entered (created_at); `edited` a later day it was changed."""
        definition = KINDS[kind]
        created = self.stamp(logged)
        updated = self.stamp(edited) if edited is not None and edited > logged else created
        record = {
            "id": self.new_id(),
            **definition.blank(self.settings, pendulum.date(logged.year, logged.month, logged.day)),
            "note": "",
            **values,
            "created_at": created,
            "updated_at": updated,
        }
        problems = definition.validate(record, self.settings)
        if problems:
            raise GenerationError(kind, record, problems)
        table = self.tables[kind]
        table[str(len(table) + 1)] = definition.canonical(record)
        return record

    def data(self, meta: Mapping[str, Any]) -> Data:
        """The whole file as TinyDB tables, in the layout Store writes."""
        data = new_data()
        data[META_TABLE][META_DOC].update(meta)
        data[SETTINGS_TABLE] = {SETTINGS_DOC: dict(self.stored_settings)}
        data.update(self.tables)
        return data


def days(first: date, last: date) -> Iterator[date]:
    """Every day from `first` to `last`, inclusive."""
    for offset in range((last - first).days + 1):
        yield first + timedelta(days=offset)


def iso(text: str) -> date:
    """A YYYY-MM-DD string as a date."""
    return date.fromisoformat(text)


def row(fields: Sequence[str], values: Sequence[Any]) -> dict[str, Any]:
    """One table row of this module as a dict of field values."""
    return dict(zip(fields, values, strict=True))


# --- study days ---------------------------------------------------------------------------


def breakdown(rng: random.Random, weekend: bool) -> dict[str, int]:
    """A plausible day of 学习强国 items (within the default caps): a light, usual or keen day."""
    mood = rng.random() + (0.15 if weekend else 0.0)
    if mood > 0.85:  # a light day: log in and read a little
        items = {
            "登录": 1,
            "选读文章": rng.choice((2, 4, 6, 8, 12)),
            "视听学习": rng.choice((0, 4, 6)),
            "每日答题": rng.choice((0, 3, 5)),
        }
        return {name: points for name, points in items.items() if points}
    keen = mood < 0.25
    items = {
        "登录": 1,
        "选读文章": rng.choice((12, 12, 12, 10, 8)),
        "视听学习": rng.choice((12, 12, 10, 6)),
        "每日答题": rng.choice((5, 5, 4, 3)),
        "专项答题": rng.choice((0, 0, 10) if not keen else (5, 10)),
        "挑战答题": rng.choice((0, 6, 10) if not keen else (6, 10)),
        "四人赛": rng.choice((0, 2, 3, 5)),
        "双人对战": rng.choice((0, 1, 2)),
        "订阅": rng.choice((0, 0, 0, 2)),
        "发表观点": rng.choice((0, 1)),
        "本地频道": rng.choice((0, 1, 1)),
        "强国运动": rng.choice((0, 0, 1, 2)),
    }
    return {name: points for name, points in items.items() if points}


def study_day(
    rng: random.Random, day: date, low: int = 0, high: int = 999
) -> tuple[int, dict[str, int]]:
    """Points (and their breakdown) for `day`, drawn until they fall within [low, high]."""
    while True:
        items = breakdown(rng, day.weekday() >= 5)
        points = sum(items.values())
        if low <= points <= high:
            return points, items


def add_study(b: Builder, day: date, points: int, items: dict[str, int], total: int) -> None:
    """One study record; the breakdown and the lifetime total are kept on some days only."""
    rng = b.rng
    values = {
        "date": day.isoformat(),
        "points": points,
        "total": total if day == DEMO_TODAY or rng.random() < 0.85 else None,
        "items": items if rng.random() < 0.3 else {},
        "note": rng.choice(STUDY_NOTES) if rng.random() < 0.04 else "",
    }
    b.add("study", day, values)


def demo_study(b: Builder) -> None:
    """A year of points ending today: a current streak of 12 days, broken streaks before it."""
    rng = b.rng
    streak = DEMO_TODAY - timedelta(days=11)
    summer = (date(2026, 8, 1), date(2026, 9, 14))  # a long run at target ...
    skipped = {date(2026, 9, 15), date(2026, 2, 16), date(2026, 2, 17)}  # ... broken by a gap
    total = 27816
    for day in days(DEMO_TODAY - timedelta(days=364), DEMO_TODAY):
        protected = day >= streak - timedelta(days=1) or summer[0] <= day <= summer[1]
        if day in skipped or (not protected and rng.random() < 0.06):
            continue
        if day == streak - timedelta(days=1):
            points, items = study_day(rng, day, high=TARGET - 6)
        elif protected:
            points, items = study_day(rng, day, low=TARGET)
        else:
            points, items = study_day(rng, day)
        total += points
        add_study(b, day, points, items, total)


# --- the demo year ------------------------------------------------------------------------


def demo_people(b: Builder) -> None:
    """The address book, entered during the first weeks of the year."""
    for name, dept, birthday, note in PEOPLE:
        values = {"name": name, "dept": dept, "birthday": birthday, "phone": phone(b.rng)}
        logged = DEMO_TODAY - timedelta(days=360 - b.rng.randrange(30))
        b.add("person", logged, values | {"note": note})


def phone(rng: random.Random) -> str:
    """A made-up mobile number."""
    return f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"


def demo_campaigns(b: Builder) -> None:
    """Three campaigns with their essays and talks, plus talks outside any campaign."""
    ids = {}
    for key, values in CAMPAIGNS.items():
        fields = row(CAMPAIGN_FIELDS, values)
        start = iso(fields["start"] + "-01")
        ids[key] = b.add("campaign", start - timedelta(days=b.rng.randrange(2, 9)), fields)["id"]
    for values in ESSAYS:
        fields = row(ESSAY_FIELDS, values) | {"campaign_id": ids["essay"]}
        day = iso(fields["date"])
        edited = day + timedelta(days=30) if fields["status"] not in ("草稿", "已提交") else None
        b.add("essay", day, fields, edited)
    for values in TALKS:
        fields = row(TALK_FIELDS, values)
        campaign = fields.pop("campaign")
        fields["campaign_id"] = ids[campaign] if campaign else None
        day = iso(fields["date"])
        edited = iso(fields["follow_up_due"]) if fields["follow_up_done"] else None
        b.add("talk", day + timedelta(days=b.rng.randrange(2)), fields, edited)


def demo_dated(b: Builder, kind: str, fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Records of `kind` from a table of this module, logged on the day (earlier when upcoming)."""
    for values in rows:
        record = row(fields, values)
        day = iso(record["date"])
        logged = day if day <= DEMO_TODAY else DEMO_TODAY - timedelta(days=b.rng.randrange(1, 8))
        b.add(kind, logged, record)


def build_demo() -> Builder:
    """The demo year of one user, ending on DEMO_TODAY."""
    b = Builder(DEMO_SEED)
    demo_people(b)
    demo_study(b)
    demo_dated(b, "session", SESSION_FIELDS, SESSIONS)
    demo_campaigns(b)
    demo_dated(b, "event", EVENT_FIELDS, EVENTS)
    demo_dated(b, "visit", VISIT_FIELDS, VISITS)
    return b


# --- a heavy synthetic history ------------------------------------------------------------


def mix_counts(records: int, mix: str = "default") -> dict[str, int]:
    """How many records of each kind a history of `records` holds: the shares of MIXES[mix],
    rounded, with at least two campaigns (one per kind) and study days taking up the rest."""
    counts = {kind: round(records * share) for kind, share in MIXES[mix].items()}
    counts["campaign"] = max(counts["campaign"], 2)
    counts["study"] += records - sum(counts.values())
    return counts


def build_heavy(records: int, seed: int, mix: str = "default", end: date = DEMO_TODAY) -> Builder:
    """A history of `records` records in the proportions of MIXES[mix]: consecutive study days
    ending at `end`, the other kinds spread over the same span."""
    b = Builder(seed)
    rng = b.rng
    counts = mix_counts(records, mix)
    first = end - timedelta(days=max(counts["study"], 365) - 1)
    span = (end - first).days + 1

    def spread(count: int) -> list[date]:
        return sorted(first + timedelta(days=rng.randrange(span)) for _ in range(count))

    for _ in range(counts["person"]):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        birthday = f"{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        values = {"name": name, "dept": rng.choice(DEPTS), "birthday": birthday}
        b.add("person", first, values | {"phone": phone(rng)})
    total = 0
    for day in days(end - timedelta(days=counts["study"] - 1), end):
        points, items = study_day(rng, day)
        total += points
        add_study(b, day, points, items, total)
    campaigns: dict[str, list[dict[str, Any]]] = {"essay": [], "talk": []}
    for index, start in enumerate(spread(counts["campaign"])):
        kind = ("essay", "talk")[index % 2]
        template = row(CAMPAIGN_FIELDS, CAMPAIGNS["essay" if kind == "essay" else "talk"])
        finish = start + timedelta(days=31 * rng.randrange(2, 6))
        values = template | {"start": start.isoformat()[:7], "end": finish.isoformat()[:7]}
        values["title"] = f"{start.year}年" + re.sub(r"^\d{4}年", "", template["title"])
        campaigns[kind].append(b.add("campaign", start, values))
    for day in spread(counts["session"]):
        values = row(SESSION_FIELDS, rng.choice(SESSIONS)) | {"date": day.isoformat()}
        b.add("session", day, values)
    for day, campaign in within(rng, campaigns["essay"], counts["essay"], end):
        values = row(ESSAY_FIELDS, rng.choice(ESSAYS)) | {"date": day.isoformat()}
        b.add("essay", day, values | {"campaign_id": campaign["id"]})
    linked = within(rng, campaigns["talk"], counts["talk"] * 2 // 3, end)
    loose = [(day, None) for day in spread(counts["talk"] - len(linked))]
    for day, campaign in sorted(linked + loose, key=lambda pair: pair[0]):
        values = row(TALK_FIELDS, rng.choice(TALKS)) | {"date": day.isoformat()}
        del values["campaign"]
        values["campaign_id"] = campaign["id"] if campaign else None
        values["person"] = rng.choice(SURNAMES) + rng.choice(GIVEN)
        due = (day + timedelta(days=20)).isoformat() if values["follow_up"] else None
        b.add("talk", day, values | {"follow_up_due": due})
    for kind, fields, rows in (("event", EVENT_FIELDS, EVENTS), ("visit", VISIT_FIELDS, VISITS)):
        for day in spread(counts[kind]):
            values = row(fields, rng.choice(rows)) | {"date": day.isoformat()}
            edited = None
            if values.get("follow_up_due"):  # a visit's: mostly done (then edited) once it is due
                due = day + timedelta(days=30)
                values["follow_up_due"] = due.isoformat()
                values["follow_up_done"] = due <= end and rng.random() < 0.75
                edited = due if values["follow_up_done"] else None
            b.add(kind, day, values, edited)
    return b


def within(
    rng: random.Random, campaigns: Sequence[Mapping[str, Any]], count: int, end: date
) -> list[tuple[date, Mapping[str, Any]]]:
    """`count` (day, campaign) pairs, each day inside its campaign's months and not after `end`."""
    pairs = []
    for _ in range(count):
        campaign = rng.choice(campaigns)
        first = iso(campaign["start"] + "-01")
        last = min(end, iso(campaign["end"] + "-28"))
        pairs.append((first + timedelta(days=rng.randrange((last - first).days + 1)), campaign))
    return sorted(pairs, key=lambda pair: pair[0])


# --- writing and checking -----------------------------------------------------------------


def check_file(path: Path) -> int:
    """Check every record of the file with Store.check (fields, unique dates, campaign links).

    Store.check compares a record with every record of its table to find a duplicate, which is
    quadratic over 50,000 records; it is handed the records sharing the unique value instead,
    the only ones that comparison can flag. Returns the number of records checked."""
    store = Store(path)
    data = store.data
    seen: set[str] = set()
    checked = 0
    for name, definition in KINDS.items():
        table = data.get(name, {})
        peers: dict[Any, dict[str, Any]] = defaultdict(dict)
        if definition.unique:
            for doc_id, record in table.items():
                peers[record[definition.unique]][doc_id] = record
        for record in table.values():
            scope = {**data, name: peers[record[definition.unique]]} if definition.unique else data
            problems = store.check(name, record, scope)
            if record["id"] in seen:
                problems.append(FieldError("id", "used by two records"))
            if problems:
                raise GenerationError(name, record, problems)
            seen.add(record["id"])
            checked += 1
    return checked


def write(b: Builder, path: Path, meta: Mapping[str, Any]) -> int:
    """Write the file atomically, but only once every record in it passed `check_file`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".checking")
    os.close(fd)
    temp = Path(name)
    try:
        atomic_write(temp, dump_data(b.data(meta)))
        checked = check_file(temp)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
        temp.with_name(temp.name + ".lock").unlink(missing_ok=True)
    return checked


def main(argv: Sequence[str] | None = None) -> int:
    """`python bench/generate.py (--demo | --records N [--mix M]) -o FILE`."""
    parser = argparse.ArgumentParser(description=__doc__)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--demo", action="store_true", help="the shipped demo year")
    what.add_argument("--records", type=int, metavar="N", help="a heavy history of N records")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    parser.add_argument("--seed", type=int, default=1, help="RNG seed of --records (default 1)")
    parser.add_argument(
        "--mix",
        choices=sorted(MIXES),
        default="default",
        help="the kinds' proportions of --records (heavy: issue 10's history)",
    )
    args = parser.parse_args(argv)
    if args.records is not None and args.records < 20:
        parser.error("--records must be at least 20")
    try:
        if args.demo:
            checked = write(build_demo(), args.output, {"demo_today": DEMO_TODAY.isoformat()})
            args.output.chmod(0o644)  # package data, read by every user of an installed cadre
        else:
            checked = write(build_heavy(args.records, args.seed, args.mix), args.output, {})
    except GenerationError as error:
        print(f"generate.py: {error}", file=sys.stderr)
        return 1
    size = args.output.stat().st_size
    print(f"{args.output}: {checked} records, {size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
