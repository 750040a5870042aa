"""Factories for the value objects of the service, training and organisation modules.

tests/test_value_objects.py merges them into its registry (every public frozen class
must have one).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from decimal import Decimal

from salesdomain import REAL_ESTATE_LADDER, Employee, Money, OrgChart, Period
from salesdomain import organisation as og
from salesdomain import service as sv
from salesdomain import training as trn

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
D = dt.date
MARCH = Period.month(2026, 3)
MANAGER = REAL_ESTATE_LADDER.get("sales_manager")
DIRECTOR = REAL_ESTATE_LADDER.get("marketing_director")
CONSULTANT = Employee("c1", "小陈", REAL_ESTATE_LADDER.get("property_consultant"))
MANAGER_EMP = Employee("m1", "李经理", MANAGER)
DIRECTOR_EMP = Employee("d1", "王总监", DIRECTOR)


def aware(day: int, hour: int, minute: int = 0, month: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=TZ)


SERVICE_POLICY = sv.ServicePolicy(
    timezone="Asia/Shanghai",
    major_amount_threshold=Money("100000"),
    issue_escalation_chain=(MANAGER, DIRECTOR),
    feedback_routing_rules={"quality": "engineering"},
)


def issue() -> sv.Issue:
    raised = sv.Issue.report(
        "I-1",
        sv.IssueKind.AFTER_SALES,
        customer="Acme",
        raised_by=CONSULTANT,
        raised_at=aware(2, 10),
        owner=MANAGER_EMP,
        policy=SERVICE_POLICY,
        amount=Money("150000"),
        after_sales_kind=sv.AfterSalesKind.REPAIR,
    )
    return (
        raised.acknowledge(MANAGER_EMP, aware(2, 10), SERVICE_POLICY)
        .take_in_hand(MANAGER_EMP, aware(2, 10), SERVICE_POLICY)
        .escalate(MANAGER_EMP, aware(2, 11), SERVICE_POLICY, note="beyond authority")
    )


FEEDBACK = sv.Feedback("F-1", "quality", received_at=aware(2, 10), customer="Acme")
NOTICE = sv.DepartmentNotice("F-1", "engineering", sent_at=aware(2, 15))
TRAINING_POLICY = trn.TrainingPolicy(
    pre_launch_days=30, pre_launch_min_sessions_per_week=1, script_test_pass_mark=80
)
TRAINING_SESSION = trn.TrainingSession(
    "T-1",
    D(2026, 3, 4),
    kind=trn.TrainingKind.SKILLS,
    topic="户型讲解",
    trainer="m1",
    attendees=("c1",),
    planned_id="P-1",
)
TRAINING_PLAN = trn.TrainingPlan(
    MARCH,
    [trn.PlannedTraining("P-1", D(2026, 3, 4), kind="skills", topic="户型讲解")],
    drawn_up_by="m1",
    drawn_up_on=D(2026, 2, 25),
)
SCRIPT_TEST = trn.ScriptTest("c1", 85, taken_on=D(2026, 3, 5), material_version="v2")
TRAINING_ORG = OrgChart((MANAGER_EMP, CONSULTANT), {"c1": "m1"})


def service_and_training_factories() -> dict[type, Callable[[], object]]:
    return {
        sv.Sla: lambda: sv.Sla.working_days(1),
        sv.ServicePolicy: lambda: SERVICE_POLICY,
        sv.Issue: issue,
        sv.IssueEvent: lambda: issue().history[-1],
        sv.IssueStatus: lambda: sv.issue_status([issue()], aware(3, 9), SERVICE_POLICY),
        sv.EscalationRoute: lambda: sv.escalation_route(issue(), SERVICE_POLICY),
        sv.Feedback: lambda: FEEDBACK,
        sv.DepartmentNotice: lambda: NOTICE,
        sv.FeedbackRouting: lambda: sv.route_feedback(
            [FEEDBACK], aware(3, 9), SERVICE_POLICY, notices=[NOTICE]
        ),
        trn.TrainingPolicy: lambda: TRAINING_POLICY,
        trn.TrainingSession: lambda: TRAINING_SESSION,
        trn.PlannedTraining: lambda: TRAINING_PLAN.sessions[0],
        trn.TrainingPlan: lambda: TRAINING_PLAN,
        trn.ScriptTest: lambda: SCRIPT_TEST,
        trn.TrainingCompliance: lambda: trn.training_compliance(
            [TRAINING_SESSION], MARCH, TRAINING_POLICY, launch_date=D(2026, 4, 1)
        ),
        trn.TrainingPlanCheck: lambda: trn.training_plan_check(
            TRAINING_PLAN, [TRAINING_SESSION], MARCH
        ),
        trn.TrainerCheck: lambda: trn.check_trainers(
            [TRAINING_SESSION], TRAINING_ORG, TRAINING_POLICY
        ),
        trn.ScriptTestResults: lambda: trn.script_test_results(
            [SCRIPT_TEST], TRAINING_POLICY, current_version="v2"
        ),
    }


def _org_chart() -> OrgChart:
    role = REAL_ESTATE_LADDER.get
    return OrgChart(
        (
            Employee("d1", "王总监", role("marketing_director"), department="marketing"),
            Employee("m1", "李经理", role("sales_manager"), department="sales"),
            Employee("c1", "小陈", role("property_consultant"), department="sales"),
        ),
        {"m1": "d1", "c1": "m1"},
    )


def _org_task() -> og.Task:
    day = dt.date(2026, 3, 2)
    return og.Task.assign(
        "T-1", assignee="c1", assigner="m1", assigned_on=day, due=day, org_chart=_org_chart()
    ).complete(day)


def organisation_factories() -> dict[type, Callable[[], object]]:
    return {
        og.Accountability: lambda: og.DEFAULT_ACCOUNTABILITY,
        og.Department: lambda: og.Department("finance", name_zh="财务部", name_en="finance"),
        og.DepartmentRegistry: lambda: og.SEED_DEPARTMENTS,
        og.DutyRota: lambda: og.DutyRota({dt.date(2026, 3, 2): ["c1", "c2"]}),
        og.Incident: lambda: og.Incident("INC-1", employee="c1", occurred_on=dt.date(2026, 3, 2)),
        og.OrganisationPolicy: lambda: og.OrganisationPolicy(
            escalation_targets={"QUOTE_MAJOR": "marketing_director"},
            staff_turnover_target=Decimal("0.1"),
        ),
        og.RoleCatalogue: lambda: og.ENGLISH_ROLES,
        og.RotaCheck: lambda: og.check_rota(
            og.DutyRota({dt.date(2026, 3, 2): ["c1"]}),
            [dt.date(2026, 3, 2), dt.date(2026, 3, 3)],
            [("c1", Period.day(dt.date(2026, 3, 2)))],
            og.OrganisationPolicy(),
        ),
        og.RotaIssue: lambda: og.RotaIssue(
            dt.date(2026, 3, 2), og.RotaIssueKind.ON_LEAVE, employee="c1"
        ),
        og.Task: _org_task,
        og.TaskReview: lambda: og.review_tasks(
            [_org_task()], dt.date(2026, 3, 9), og.OrganisationPolicy(task_report_required=True)
        ),
        og.Territory: lambda: og.Territory("east", name_zh="华东区", manager="m1"),
        og.TerritoryMap: lambda: og.TerritoryMap(
            (og.Territory("east"), og.Territory("west")), {"C-1": "east", "HT-1": "west"}
        ),
        og.TurnoverCheck: lambda: og.check_staff_turnover(
            3, 24, og.OrganisationPolicy(staff_turnover_target=Decimal("0.1"))
        ),
    }
