"""Tests of salesdomain.service (CS-1..9, X-12)."""

from __future__ import annotations

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdomain import (
    REAL_ESTATE_LADDER,
    CurrencyMismatch,
    Employee,
    IllegalTransition,
    InvalidInput,
    Money,
    OrgChart,
    PolicyError,
    Role,
    UnknownEntity,
    Verdict,
    WrongType,
)
from salesdomain.service import (
    REASON_CODES,
    AfterSalesKind,
    DepartmentNotice,
    Feedback,
    Issue,
    IssueAction,
    IssueKind,
    IssueState,
    ServicePolicy,
    Sla,
    SlaUnit,
    escalation_route,
    issue_owner,
    issue_status,
    route_feedback,
)

L = REAL_ESTATE_LADDER
LEADERSHIP = Role("company_leadership", 5, name_zh="公司领导", name_en="company leadership")
CONSULTANT = Employee("c1", "小陈", L.get("property_consultant"))
CONSULTANT2 = Employee("c2", "小刘", L.get("property_consultant"))
SUPERVISOR = Employee("u1", "赵主管", L.get("sales_supervisor"))
MANAGER = Employee("m1", "李经理", L.get("sales_manager"))
DIRECTOR = Employee("d1", "王总监", L.get("marketing_director"))
LEADER = Employee("l1", "张总", LEADERSHIP)
OTHER_MANAGER = Employee("m2", "周经理", L.get("sales_manager"))
ORG = OrgChart(
    (CONSULTANT, CONSULTANT2, SUPERVISOR, MANAGER, DIRECTOR, LEADER, OTHER_MANAGER),
    {"c1": "u1", "c2": "m2", "u1": "m1", "m1": "d1", "m2": "d1", "d1": "l1"},
)
CHAIN = (L.get("sales_manager"), L.get("marketing_director"), LEADERSHIP)
TZ = ZoneInfo("Asia/Shanghai")
POLICY = ServicePolicy(
    timezone="Asia/Shanghai",
    major_amount_threshold=Money("100000"),
    issue_escalation_chain=CHAIN,
)


def at(day: int, hour: int = 10, minute: int = 0, month: int = 3) -> datetime.datetime:
    """An instant in March 2026, Shanghai time (2 March 2026 is a Monday)."""
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=TZ)


def raised(
    kind: IssueKind = IssueKind.COMPLAINT,
    when: datetime.datetime | None = None,
    policy: ServicePolicy = POLICY,
    issue_id: str = "I-1",
    **extra: object,
) -> Issue:
    return Issue.report(
        issue_id,
        kind,
        customer="Mr Zhao",
        raised_by=CONSULTANT,
        raised_at=at(2) if when is None else when,
        owner=MANAGER,
        policy=policy,
        **extra,  # type: ignore[arg-type]
    )


def in_hand(when: datetime.datetime | None = None, **extra: object) -> Issue:
    issue = raised(when=when, **extra)  # type: ignore[arg-type]
    moment = issue.raised_at
    return issue.acknowledge(MANAGER, moment, POLICY).take_in_hand(MANAGER, moment, POLICY)


# ---------------------------------------------------------------- CS-1 deadlines
def test_CS_1_complaint_open_after_its_same_day_deadline_is_past_sla() -> None:
    """CS-1: 及时处理客户异议和投诉; default deadline is the same working day."""
    issue = in_hand()

    result = issue_status([issue], at(3, 9), POLICY)

    assert Verdict.REJECTED == result.verdict
    assert ("I-1",) == result.past_sla
    reason = result.reasons[0]
    assert ("CS-1", "issue_past_sla") == (reason.rule, reason.code)
    assert datetime.date(2026, 3, 2) == reason.param("due_on")
    assert "0wd" == reason.param("sla")
    assert L.get("sales_manager") == reason.param("role")


def test_CS_1_complaint_still_open_on_its_due_day_is_not_past_sla() -> None:
    """CS-1: an open issue before its deadline is open, not late."""
    issue = in_hand()

    result = issue_status([issue], at(2, 23, 59), POLICY)

    assert Verdict.ALLOWED == result.verdict
    assert (("I-1",), ()) == (result.open_issues, result.past_sla)
    assert [("CS-1", "issues_in_order")] == [(r.rule, r.code) for r in result.reasons]
    assert 1 == result.reasons[0].param("open")


def test_CS_1_issue_resolved_after_its_deadline_is_resolved_late() -> None:
    """CS-1: resolution after the deadline is reported as late, not past SLA."""
    issue = in_hand().resolve(MANAGER, at(4, 11), POLICY)

    result = issue_status([issue], at(5), POLICY)

    assert ((), ("I-1",)) == (result.past_sla, result.resolved_late)
    assert datetime.date(2026, 3, 4) == result.reasons[0].param("resolved_on")
    assert Verdict.REJECTED == result.verdict


def test_CS_1_hour_deadline_counts_clock_hours_inclusive() -> None:
    """CS-1: a 24-hour SLA is met up to and including the 24th hour."""
    policy = ServicePolicy(
        timezone="Asia/Shanghai",
        major_amount_threshold=Money("100000"),
        issue_escalation_chain=CHAIN,
        handling_sla_by_kind=dict.fromkeys(IssueKind, "24h"),
    )
    issue = raised(policy=policy)

    on_time = issue_status([issue], at(3, 10), policy)
    late = issue_status([issue], at(3, 10) + datetime.timedelta(microseconds=1), policy)

    assert ((), ("I-1",)) == (on_time.past_sla, late.past_sla)


def test_CS_1_working_day_deadlines_skip_weekends_holidays_and_honour_makeup_days() -> None:
    """CS-1: one working day from a Friday is Monday; a holiday Monday moves it on."""
    friday = at(6, 17)
    plain = POLICY
    holiday = ServicePolicy(
        timezone="Asia/Shanghai",
        major_amount_threshold=Money("1"),
        issue_escalation_chain=CHAIN,
        holidays=[datetime.date(2026, 3, 9)],
    )
    makeup = ServicePolicy(
        timezone="Asia/Shanghai",
        major_amount_threshold=Money("1"),
        issue_escalation_chain=CHAIN,
        makeup_working_days=[datetime.date(2026, 3, 8)],
    )

    days = [p.local_day(p.due_at(friday, Sla.working_days(1))) for p in (plain, holiday, makeup)]

    assert [
        datetime.date(2026, 3, 9),
        datetime.date(2026, 3, 10),
        datetime.date(2026, 3, 8),
    ] == days


def test_CS_1_same_day_deadline_of_a_saturday_issue_is_the_end_of_monday() -> None:
    """CS-1: 0 working days from a Saturday is the end of the next working day."""
    due = POLICY.due_at(at(7, 15), Sla.working_days(0))

    assert datetime.datetime(2026, 3, 9, 23, 59, 59, 999999, tzinfo=TZ) == due


def test_CS_1_deadline_days_are_counted_in_the_company_time_zone() -> None:
    """CS-1: 23:30 UTC on Monday is already Tuesday in Shanghai."""
    late_monday_utc = datetime.datetime(2026, 3, 2, 23, 30, tzinfo=datetime.UTC)

    due = POLICY.due_at(late_monday_utc, Sla.working_days(0))

    assert datetime.date(2026, 3, 3) == POLICY.local_day(due)


def test_CS_1_handling_deadline_per_kind_is_looked_up_by_kind() -> None:
    """CS-1: handling_sla_by_kind gives each kind its own deadline."""
    policy = ServicePolicy(
        timezone="Asia/Shanghai",
        major_amount_threshold=Money("1"),
        handling_sla_by_kind={
            "objection": "4h",
            "complaint": "1wd",
            "after_sales": Sla.working_days(3),
            "site_problem": "0wd",
        },
    )

    assert Sla(4, SlaUnit.HOURS) == policy.handling_sla(IssueKind.OBJECTION)
    assert Sla(3, SlaUnit.WORKING_DAYS) == policy.handling_sla(IssueKind.AFTER_SALES)


# ---------------------------------------------------------------- CS-2, CS-3, CS-8
def test_CS_2_after_sales_issue_is_owned_by_the_department_of_its_kind() -> None:
    """CS-2: delivery goes to customer service, repair to the technical department."""
    delivery = raised(IssueKind.AFTER_SALES, after_sales_kind=AfterSalesKind.DELIVERY)
    repair = raised(IssueKind.AFTER_SALES, after_sales_kind="repair")
    chosen = raised(
        IssueKind.AFTER_SALES, after_sales_kind=AfterSalesKind.REPAIR, department="factory"
    )

    assert ["customer_service", "technical", "factory"] == [
        i.department for i in (delivery, repair, chosen)
    ]


def test_CS_2_after_sales_kind_belongs_only_to_after_sales_issues() -> None:
    """CS-2: an after-sales kind on a complaint is refused, naming the field."""
    with pytest.raises(InvalidInput, match="after_sales_kind"):
        raised(IssueKind.COMPLAINT, after_sales_kind=AfterSalesKind.REPAIR)


def test_CS_2_every_after_sales_kind_needs_a_department() -> None:
    """CS-2: the owning department is required for every kind."""
    with pytest.raises(PolicyError, match="after_sales_departments"):
        ServicePolicy(
            timezone="Asia/Shanghai",
            major_amount_threshold=Money("1"),
            after_sales_departments={"repair": "technical"},
        )


def test_CS_3_manager_sends_a_consultant_who_then_resolves_the_issue() -> None:
    """CS-3: 接受领导指派到相关客户或现场解决销售及售后问题."""
    issue = raised().acknowledge(MANAGER, at(2, 11), POLICY)

    sent = issue.assign(MANAGER, at(2, 11), POLICY, assignee=CONSULTANT, org=ORG)
    done = sent.resolve(CONSULTANT, at(2, 15), POLICY)

    assert (IssueState.IN_HAND, CONSULTANT) == (sent.state, sent.assignee)
    assert IssueState.RESOLVED == done.state
    assert (IssueAction.RESOLVE, CONSULTANT, at(2, 15)) == (
        done.history[-1].action,
        done.history[-1].by,
        done.history[-1].at,
    )


def test_CS_3_only_a_superior_of_the_assignee_may_send_them() -> None:
    """CS-3: another branch's manager cannot send a consultant who is not theirs."""
    issue = raised().acknowledge(MANAGER, at(2, 11), POLICY)

    with pytest.raises(IllegalTransition, match="m1 is not a superior of c2"):
        issue.assign(MANAGER, at(2, 11), POLICY, assignee=CONSULTANT2, org=ORG)


def test_CS_3_an_assignee_outside_the_org_chart_is_unknown() -> None:
    """CS-3: the assignee must be in the org chart."""
    stranger = Employee("x9", "外人", L.get("property_consultant"))
    issue = raised().acknowledge(MANAGER, at(2, 11), POLICY)

    with pytest.raises(UnknownEntity, match="employee"):
        issue.assign(MANAGER, at(2, 11), POLICY, assignee=stranger, org=ORG)


def test_CS_8_account_executive_owns_and_handles_the_issue_of_an_account_managed_customer() -> None:
    """CS-8: after the sale the account executive addresses any issue that arises."""
    owner = issue_owner(CONSULTANT, ORG, POLICY, account_executive=SUPERVISOR)
    issue = Issue.report(
        "I-8",
        IssueKind.AFTER_SALES,
        customer="Acme",
        raised_by=CONSULTANT,
        raised_at=at(2),
        owner=owner,
        policy=POLICY,
        after_sales_kind=AfterSalesKind.TECH_SUPPORT,
    )

    done = (
        issue.acknowledge(SUPERVISOR, at(2), POLICY)
        .take_in_hand(SUPERVISOR, at(2), POLICY)
        .resolve(SUPERVISOR, at(2, 12), POLICY)
    )

    assert SUPERVISOR == owner
    assert IssueState.RESOLVED == done.state


def test_CS_4_without_an_account_executive_the_manager_in_the_chain_owns_the_issue() -> None:
    """CS-4: the manager above the consultant owns an on-site issue."""
    assert MANAGER == issue_owner(CONSULTANT, ORG, POLICY)
    assert MANAGER == issue_owner(MANAGER, ORG, POLICY)


# ---------------------------------------------------------------- CS-4 escalation
def test_CS_4_manager_who_cannot_solve_an_objection_escalates_to_the_marketing_director() -> None:
    """CS-4: 处理不了时立即上报营销总监."""
    issue = in_hand(kind=IssueKind.OBJECTION)

    up = issue.escalate(MANAGER, at(2, 10, 5), POLICY, note="price dispute beyond my authority")
    done = up.resolve(DIRECTOR, at(2, 16), POLICY)

    assert (IssueState.ESCALATED, L.get("marketing_director")) == (up.state, up.level)
    assert "price dispute beyond my authority" == up.history[-1].note
    assert IssueState.RESOLVED == done.state


def test_CS_4_the_route_lists_the_roles_above_the_issues_level_nearest_first() -> None:
    """CS-4: escalation_route names the next level and the route up."""
    route = escalation_route(in_hand(), POLICY)

    assert (L.get("marketing_director"), LEADERSHIP) == route.approvers
    assert L.get("marketing_director") == route.next_role
    assert [("CS-4", "issue_with_level"), ("CS-4", "issue_escalates_to")] == [
        (r.rule, r.code) for r in route.reasons
    ]
    assert Verdict.ALLOWED == route.verdict


def test_CS_4_escalating_past_the_top_of_the_chain_is_illegal() -> None:
    """CS-4: nothing is above company leadership."""
    top = in_hand().escalate(MANAGER, at(2, 11), POLICY).escalate(DIRECTOR, at(2, 12), POLICY)

    route = escalation_route(top, POLICY)

    assert (None, ()) == (route.next_role, route.approvers)
    assert "issue_at_top_of_chain" == route.reasons[1].code
    with pytest.raises(IllegalTransition, match="top of the escalation chain"):
        top.escalate(LEADER, at(2, 13), POLICY)


def test_CS_4_a_consultant_cannot_act_at_the_managers_level() -> None:
    """CS-4: handling needs the level's rank (or the owner)."""
    with pytest.raises(IllegalTransition, match="cannot act at the sales_manager level"):
        raised().acknowledge(CONSULTANT, at(2), POLICY)


def test_CS_4_once_escalated_the_manager_can_no_longer_resolve() -> None:
    """CS-4: after escalation the director's level decides."""
    up = in_hand().escalate(MANAGER, at(2, 11), POLICY)

    with pytest.raises(IllegalTransition, match="marketing_director level"):
        up.resolve(MANAGER, at(2, 12), POLICY)


def test_CS_4_out_of_turn_steps_are_illegal() -> None:
    """CS-4: the machine refuses steps its state forbids."""
    issue = raised()

    with pytest.raises(IllegalTransition, match="only possible in state in_hand or escalated"):
        issue.escalate(MANAGER, at(2), POLICY)
    with pytest.raises(IllegalTransition, match="only possible in state resolved"):
        in_hand().close(MANAGER, at(2), POLICY)
    with pytest.raises(IllegalTransition, match="only possible in state raised"):
        in_hand().acknowledge(MANAGER, at(2), POLICY)


def test_CS_4_a_step_cannot_go_back_in_time() -> None:
    """CS-4: every step names who acted and when, in order."""
    with pytest.raises(InvalidInput, match="at: is before the previous step"):
        in_hand().resolve(MANAGER, at(1), POLICY)


def test_CS_4_a_naive_datetime_is_refused_naming_the_field() -> None:
    """CS-4: instants are timezone-aware."""
    with pytest.raises(InvalidInput, match="at: must be timezone-aware"):
        raised().acknowledge(MANAGER, datetime.datetime(2026, 3, 2, 11), POLICY)


def test_CS_4_closed_issue_has_no_route() -> None:
    """CS-4: a closed issue goes nowhere."""
    closed = in_hand().resolve(MANAGER, at(2, 12), POLICY).close(MANAGER, at(2, 13), POLICY)

    route = escalation_route(closed, POLICY)

    assert ("issue_no_longer_open", ()) == (route.reasons[0].code, route.approvers)
    assert "closed" == route.reasons[0].param("state")


# ---------------------------------------------------------------- CS-5 carry-over
def test_CS_5_yesterdays_problem_still_in_hand_is_a_carry_over() -> None:
    """CS-5: 前日工作中的留存问题 … 不能解决的应该立即上报营销总监."""
    policy = ServicePolicy(
        timezone="Asia/Shanghai",
        major_amount_threshold=Money("100000"),
        issue_escalation_chain=CHAIN,
        handling_sla_by_kind=dict.fromkeys(IssueKind, "3wd"),
    )
    yesterday = in_hand()
    escalated = in_hand(issue_id="I-2").escalate(MANAGER, at(2, 18), policy)
    today = in_hand(when=at(3, 8), issue_id="I-3")

    result = issue_status([yesterday, escalated, today], at(3, 9), policy)

    assert ("I-1",) == result.carry_over
    assert () == result.past_sla
    reason = result.reasons[0]
    assert ("CS-5", "carry_over_not_resolved_or_escalated") == (reason.rule, reason.code)
    assert L.get("marketing_director") == reason.param("next_role")
    assert Verdict.REJECTED == result.verdict


def test_CS_5_an_issue_is_judged_as_it_stood_at_the_time_of_the_report() -> None:
    """CS-5: an escalation after as_of does not count yet."""
    later = in_hand().escalate(MANAGER, at(3, 15), POLICY)

    morning = issue_status([later], at(3, 9), POLICY)
    afternoon = issue_status([later], at(3, 16), POLICY)

    assert (("I-1",), ()) == (morning.carry_over, afternoon.carry_over)
    assert IssueState.IN_HAND == later.state_at(at(3, 9))
    assert later.state_at(at(1)) is None


def test_CS_5_issues_raised_after_the_report_are_left_out() -> None:
    """CS-5: a report at 09:00 knows nothing of a 10:00 issue."""
    result = issue_status([raised(when=at(3, 10))], at(3, 9), POLICY)

    assert Verdict.ALLOWED == result.verdict
    assert 0 == result.reasons[0].param("issues")


# ---------------------------------------------------------------- CS-6 major issues
def test_CS_6_major_issue_not_reported_by_its_deadline_is_listed() -> None:
    """CS-6: 对重大问题及时向公司汇报; X-12: at or above the threshold is major."""
    issue = in_hand(amount=Money("100000"))

    result = issue_status([issue], at(3, 9), POLICY)

    assert ("I-1",) == result.major_unreported
    assert (LEADERSHIP,) == result.approvers
    codes = [r.code for r in result.reasons]
    assert "major_issue_not_reported" in codes


def test_CS_6_major_issue_still_within_its_deadline_needs_the_company() -> None:
    """CS-6: before the deadline, the report is due: the company is the approver."""
    issue = in_hand(flags=["major"])

    result = issue_status([issue], at(2, 12), POLICY)

    assert Verdict.NEEDS_APPROVAL == result.verdict
    assert ("I-1",) == result.major_report_due
    assert [("CS-6", "major_issue_report_due")] == [(r.rule, r.code) for r in result.reasons]


def test_CS_6_reporting_to_the_company_or_escalating_to_it_counts() -> None:
    """CS-6: a report, or an escalation up to the company's role, tells the company."""
    reported = in_hand(amount=Money("250000")).report_to_company(MANAGER, at(2, 12), POLICY)
    climbed = (
        in_hand(amount=Money("250000"), issue_id="I-2")
        .escalate(MANAGER, at(2, 11), POLICY)
        .escalate(DIRECTOR, at(2, 12), POLICY)
    )

    result = issue_status([reported, climbed], at(2, 13), POLICY)

    assert ((), ()) == (result.major_unreported, result.major_report_due)
    assert at(2, 12) == climbed.reported_to_company_at(POLICY)
    with pytest.raises(IllegalTransition, match="already knows"):
        reported.report_to_company(DIRECTOR, at(2, 14), POLICY)


def test_CS_6_major_issue_reported_after_its_deadline_is_reported_late() -> None:
    """CS-6: 及时: a report on the next day is late under the same-day default."""
    late = in_hand(amount=Money("250000")).report_to_company(MANAGER, at(3, 9), POLICY)

    result = issue_status([late], at(3, 10), POLICY)

    assert ("I-1",) == result.major_reported_late
    reason = next(r for r in result.reasons if r.code == "major_issue_reported_late")
    assert datetime.date(2026, 3, 3) == reason.param("reported_on")


def test_CS_6_a_consultant_cannot_report_to_the_company() -> None:
    """CS-6: the manager reports major problems."""
    with pytest.raises(IllegalTransition, match="ranks below the sales_manager"):
        in_hand(amount=Money("250000")).report_to_company(CONSULTANT, at(2, 12), POLICY)


def test_CS_6_open_major_issue_route_needs_the_company() -> None:
    """CS-6: the route of an unreported major issue needs the company's role."""
    route = escalation_route(in_hand(amount=Money("100000")), POLICY)

    assert (True, Verdict.NEEDS_APPROVAL) == (route.major, route.verdict)
    assert "major_issue_goes_to_company" == route.reasons[-1].code
    assert LEADERSHIP == route.reasons[-1].param("role")


def test_X_12_major_threshold_is_required_and_must_be_positive() -> None:
    """X-12 (CS-6): no silent default that would keep major issues from the company."""
    with pytest.raises(TypeError, match="major_amount_threshold"):
        ServicePolicy(timezone="Asia/Shanghai")  # type: ignore[call-arg]
    with pytest.raises(PolicyError, match="major_amount_threshold: must be above zero"):
        ServicePolicy(timezone="Asia/Shanghai", major_amount_threshold=Money("0"))


def test_X_12_amount_in_another_currency_is_refused_when_the_issue_is_recorded() -> None:
    """X-12: the amount is compared with the threshold, same currency only."""
    with pytest.raises(CurrencyMismatch):
        raised(amount=Money("100", "USD"))


# ---------------------------------------------------------------- CS-7, CS-9 feedback
def test_CS_7_feedback_without_a_route_is_unroutable() -> None:
    """CS-7: 建立销售现场信息反馈体系: every item needs a route."""
    policy = ServicePolicy(
        timezone="Asia/Shanghai",
        major_amount_threshold=Money("1"),
        feedback_routing_rules={"quality": "engineering"},
    )
    items = [Feedback("F-1", "parking", received_at=at(2), customer="Mr Zhao")]

    result = route_feedback(items, at(2, 11), policy)

    assert (("F-1",), Verdict.REJECTED) == (result.unroutable, result.verdict)
    assert "parking" == result.reasons[0].param("topic")


def test_CS_7_the_default_department_routes_unlisted_topics() -> None:
    """CS-7: a default department catches every other topic."""
    policy = ServicePolicy(
        timezone="Asia/Shanghai",
        major_amount_threshold=Money("1"),
        default_feedback_department="marketing",
    )

    result = route_feedback([Feedback("F-1", "parking", received_at=at(2))], at(2, 11), policy)

    assert (("F-1", "marketing"),) == result.routes


def test_CS_9_feedback_not_passed_on_by_its_deadline_is_listed() -> None:
    """CS-9: 发现需要同有关部门沟通的信息、情况应该立即进行有效沟通."""
    policy = ServicePolicy(
        timezone="Asia/Shanghai",
        major_amount_threshold=Money("1"),
        feedback_routing_rules={"quality": "engineering", "price": "finance"},
    )
    items = [
        Feedback("F-1", "quality", received_at=at(2)),
        Feedback("F-2", "price", received_at=at(2)),
        Feedback("F-3", "quality", received_at=at(3)),
    ]
    notices = [
        DepartmentNotice("F-2", "finance", sent_at=at(3, 9)),
        DepartmentNotice("F-3", "sales", sent_at=at(3, 9)),  # the wrong department
    ]

    result = route_feedback(items, at(3, 10), policy, notices=notices)

    assert (("F-1",), ("F-2",)) == (result.not_passed_on, result.passed_on_late)
    assert ["feedback_not_passed_on", "feedback_passed_on_late"] == [r.code for r in result.reasons]


def test_CS_9_feedback_passed_on_the_same_day_is_in_order() -> None:
    """CS-9: passed on at once: in order."""
    policy = ServicePolicy(
        timezone="Asia/Shanghai",
        major_amount_threshold=Money("1"),
        feedback_routing_rules={"quality": "engineering"},
    )
    items = [Feedback("F-1", "quality", received_at=at(2))]
    notices = [DepartmentNotice("F-1", "engineering", sent_at=at(2, 15))]

    result = route_feedback(items, at(3, 10), policy, notices=notices)

    assert (Verdict.ALLOWED, "feedback_in_order") == (result.verdict, result.reasons[0].code)


def test_CS_9_duplicate_feedback_ids_are_refused() -> None:
    """CS-9: each item once."""
    item = Feedback("F-1", "quality", received_at=at(2))
    with pytest.raises(InvalidInput, match="feedback: two items share an id"):
        route_feedback([item, item], at(3), POLICY)


# ---------------------------------------------------------------- bad input
def test_policy_needs_a_known_time_zone() -> None:
    """CS-1: days are counted in the company's zone, which must exist."""
    with pytest.raises(PolicyError, match="timezone"):
        ServicePolicy(timezone="Asia/Beijing", major_amount_threshold=Money("1"))
    with pytest.raises(PolicyError, match="timezone"):
        ServicePolicy(timezone="", major_amount_threshold=Money("1"))


def test_escalation_chain_must_rise_and_be_the_companys_own() -> None:
    """CS-4: the chain climbs; escalation never goes to a lower role."""
    with pytest.raises(PolicyError, match=r"issue_escalation_chain\[1\]"):
        ServicePolicy(
            timezone="Asia/Shanghai",
            major_amount_threshold=Money("1"),
            issue_escalation_chain=(L.get("marketing_director"), L.get("sales_manager")),
        )
    with pytest.raises(PolicyError, match="issue_escalation_chain"):
        ServicePolicy(
            timezone="Asia/Shanghai",
            major_amount_threshold=Money("1"),
            issue_escalation_chain=(L.get("sales_manager"),),
        )


def test_company_report_role_must_be_on_the_chain_above_the_manager() -> None:
    """CS-6: the company is reached by the chain."""
    with pytest.raises(PolicyError, match="company_report_role"):
        ServicePolicy(
            timezone="Asia/Shanghai",
            major_amount_threshold=Money("1"),
            issue_escalation_chain=CHAIN,
            company_report_role=L.get("sales_manager"),
        )
    chosen = ServicePolicy(
        timezone="Asia/Shanghai",
        major_amount_threshold=Money("1"),
        issue_escalation_chain=CHAIN,
        company_report_role=L.get("marketing_director"),
    )
    assert L.get("marketing_director") == chosen.company_role


def test_every_issue_kind_needs_a_handling_deadline() -> None:
    """CS-1: handling_sla_by_kind covers every kind."""
    with pytest.raises(PolicyError, match="every issue kind needs a handling deadline"):
        ServicePolicy(
            timezone="Asia/Shanghai",
            major_amount_threshold=Money("1"),
            handling_sla_by_kind={"complaint": "1wd"},
        )
    with pytest.raises(PolicyError, match=r"handling_sla_by_kind\.objection"):
        ServicePolicy(
            timezone="Asia/Shanghai",
            major_amount_threshold=Money("1"),
            handling_sla_by_kind={kind.value: "1 day" for kind in IssueKind},
        )


def test_sla_text_forms_and_limits() -> None:
    """CS-1: '24h' and '1wd' forms; absurd amounts are refused."""
    assert ["24h", "1wd"] == [str(Sla.parse("24h")), str(Sla.parse(" 1 wd "))]
    with pytest.raises(InvalidInput, match="amount"):
        Sla.working_days(5000)
    with pytest.raises(WrongType, match="amount"):
        Sla(True, SlaUnit.HOURS)


def test_a_day_cannot_be_both_holiday_and_makeup_working_day() -> None:
    """CS-1: the working-day calendar is consistent."""
    day = datetime.date(2026, 3, 8)
    with pytest.raises(PolicyError, match="makeup_working_days"):
        ServicePolicy(
            timezone="Asia/Shanghai",
            major_amount_threshold=Money("1"),
            holidays=[day],
            makeup_working_days=[day],
        )


def test_issue_inputs_are_checked_naming_the_field() -> None:
    """CS-1: a malformed issue cannot exist."""
    with pytest.raises(UnknownEntity, match="kind"):
        raised(kind="rumour")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="flags"):
        raised(flags=["Major Issue"])
    with pytest.raises(InvalidInput, match="amount: must not be negative"):
        raised(amount=Money("-1"))
    with pytest.raises(WrongType, match="raised_at"):
        raised(when=datetime.date(2026, 3, 2))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="issues: two issues share an id"):
        issue_status([raised(), raised()], at(3), POLICY)


def test_issue_and_status_turn_into_plain_json() -> None:
    """CS-1: results are storable."""
    result = issue_status([in_hand(amount=Money("100000"))], at(3, 9), POLICY)

    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))

    assert "rejected" == data["verdict"]
    assert ["I-1"] == data["past_sla"]
    assert "company_leadership" == data["approvers"][0]


def test_every_reason_code_emitted_is_declared_and_every_declared_code_is_reachable() -> None:
    """CS-1..9: REASON_CODES lists exactly what the module emits."""
    feedback_policy = ServicePolicy(
        timezone="Asia/Shanghai",
        major_amount_threshold=Money("1"),
        feedback_routing_rules={"quality": "engineering"},
    )
    late_report = in_hand(amount=Money("250000")).report_to_company(MANAGER, at(3, 9), POLICY)
    top = in_hand().escalate(MANAGER, at(2, 11), POLICY).escalate(DIRECTOR, at(2, 12), POLICY)
    closed = in_hand().resolve(MANAGER, at(2, 12), POLICY).close(MANAGER, at(2, 13), POLICY)
    results = [
        issue_status([in_hand(amount=Money("100000"))], at(3, 9), POLICY),
        issue_status([in_hand().resolve(MANAGER, at(4), POLICY)], at(5), POLICY),
        issue_status([in_hand(flags=["major"])], at(2, 11), POLICY),
        issue_status([late_report], at(3, 10), POLICY),
        issue_status([in_hand()], at(2, 11), POLICY),
        escalation_route(in_hand(amount=Money("100000")), POLICY),
        escalation_route(top, POLICY),
        escalation_route(closed, POLICY),
        route_feedback(
            [
                Feedback("F-1", "parking", received_at=at(2)),
                Feedback("F-2", "quality", received_at=at(2)),
                Feedback("F-3", "quality", received_at=at(2)),
            ],
            at(3, 10),
            feedback_policy,
            notices=[DepartmentNotice("F-3", "engineering", sent_at=at(3, 9))],
        ),
        route_feedback([], at(3), feedback_policy),
    ]

    emitted = {r.code for result in results for r in result.reasons}

    assert emitted <= REASON_CODES
    assert REASON_CODES == emitted


# ---------------------------------------------------------------- properties
INSTANTS = st.datetimes(
    min_value=datetime.datetime(2025, 1, 1),
    max_value=datetime.datetime(2027, 12, 31),
    timezones=st.just(TZ),
)
SLAS = st.builds(Sla, st.integers(0, 72), st.sampled_from(list(SlaUnit)))


@given(
    raised_at=INSTANTS,
    sla=SLAS,
    wait=st.timedeltas(min_value=datetime.timedelta(0), max_value=datetime.timedelta(days=20)),
)
def test_CS_1_property_an_open_issue_past_its_deadline_is_always_listed(
    raised_at: datetime.datetime, sla: Sla, wait: datetime.timedelta
) -> None:
    """CS-1: an open issue is past SLA exactly when as_of is after its deadline."""
    policy = ServicePolicy(
        timezone="Asia/Shanghai",
        major_amount_threshold=Money("100000"),
        issue_escalation_chain=CHAIN,
        handling_sla_by_kind=dict.fromkeys(IssueKind, sla),
    )
    issue = raised(when=raised_at, policy=policy)
    as_of = raised_at + wait

    result = issue_status([issue], as_of, policy)

    due = policy.due_at(raised_at, sla)
    assert (as_of > due) == ("I-1" in result.past_sla)
    assert (as_of > due) == any(r.code == "issue_past_sla" for r in result.reasons)


@given(
    start=INSTANTS,
    sla=SLAS,
    later=st.timedeltas(min_value=datetime.timedelta(0), max_value=datetime.timedelta(days=10)),
)
def test_CS_1_property_deadlines_never_precede_the_start_and_never_move_back(
    start: datetime.datetime, sla: Sla, later: datetime.timedelta
) -> None:
    """CS-1: a later start never gives an earlier deadline; working days end on one."""
    first, second = POLICY.due_at(start, sla), POLICY.due_at(start + later, sla)

    assert start <= first <= second
    if sla.unit is SlaUnit.WORKING_DAYS:
        assert POLICY.is_working_day(POLICY.local_day(first))


@given(steps=st.lists(st.sampled_from(["escalate", "resolve", "assign", "report"]), max_size=8))
def test_CS_4_property_escalation_never_goes_to_a_lower_role(steps: list[str]) -> None:
    """CS-4: along any history the level only climbs, one chain step per escalation."""
    issue = in_hand()
    people = (MANAGER, DIRECTOR, LEADER)
    moment = at(2, 11)
    for step in steps:
        moment += datetime.timedelta(minutes=5)
        holder = next(p for p in people if p.role == issue.level)
        try:
            if step == "escalate":
                issue = issue.escalate(holder, moment, POLICY)
            elif step == "resolve":
                issue = issue.resolve(holder, moment, POLICY)
            elif step == "assign":
                issue = issue.assign(holder, moment, POLICY, assignee=CONSULTANT, org=ORG)
            else:
                issue = issue.report_to_company(holder, moment, POLICY)
        except IllegalTransition:
            continue

    ranks = [event.level.rank for event in issue.history]
    assert ranks == sorted(ranks)
    for before, event in zip(issue.history, issue.history[1:], strict=False):
        if event.action is IssueAction.ESCALATE:
            assert CHAIN.index(event.level) == CHAIN.index(before.level) + 1
    assert all(event.level in CHAIN for event in issue.history)


@given(order=st.permutations(["I-1", "I-2", "I-3"]))
def test_CS_5_property_the_findings_do_not_depend_on_the_order_of_the_issues(
    order: list[str],
) -> None:
    """CS-5: the same issues in any order give the same sets of findings."""
    issues = {
        "I-1": in_hand(issue_id="I-1"),
        "I-2": in_hand(issue_id="I-2", amount=Money("200000")),
        "I-3": raised(issue_id="I-3", when=at(3, 8)),
    }

    result = issue_status([issues[key] for key in order], at(3, 9), POLICY)

    assert {"I-1", "I-2"} == set(result.carry_over)
    assert {"I-2"} == set(result.major_unreported)
    assert {"I-1", "I-2"} == set(result.past_sla)
