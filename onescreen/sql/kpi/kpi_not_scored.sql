-- People listed but not scored for a quarter, with the reason: no monthly
-- record, or fewer months on duty than the rules ask for.
create or replace table kpi_not_scored as

with

kpi_person_quarters as (

    select * from kpi_person_quarters

),

kpi_rule_settings as (

    select * from kpi_rule_settings

),

final as (

    select
        quarters.center_id,
        quarters.person_id,
        quarters.staff_no,
        quarters.name,
        quarters.department,
        quarters.post_name,
        quarters.post_family_code,
        quarters.year,
        quarters.quarter,
        quarters.months_on_duty,
        quarters.record_month_count,
        case
            when quarters.record_month_count = 0 then 'no_monthly_record'
            else 'too_few_months_on_duty'
        end as reason_code

    from kpi_person_quarters as quarters
    cross join kpi_rule_settings as rules
    where
        quarters.record_month_count = 0
        or quarters.months_on_duty < rules.scoring_min_months_on_duty

)

select * from final
