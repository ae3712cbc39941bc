-- One row per person and quarter they were on duty in or have a monthly
-- record for: months on duty, months recorded, the record's five averages.
create or replace table kpi_person_quarters as

with

people as (

    select * from people

),

staff_numbers as (

    select * from staff_numbers

),

monthly_records as (

    select * from monthly_records

),

calendar_days as (

    select * from calendar_days

),

metric_settings as (

    select * from metric_settings

),

kpi_post_families as (

    select * from kpi_post_families

),

kpi_post_family_map as (

    select * from kpi_post_family_map

),

recorded_quarters as (

    select distinct
        monthly_records.center_id,
        cast(year(monthly_records.month) as integer) as year,
        cast(quarter(monthly_records.month) as integer) as quarter

    from monthly_records
    cross join metric_settings as settings
    where monthly_records.month <= settings.as_of_date

),

quarter_months as (

    select distinct
        recorded_quarters.center_id,
        recorded_quarters.year,
        recorded_quarters.quarter,
        calendar_days.month_date

    from recorded_quarters
    inner join calendar_days
        on
            recorded_quarters.center_id = calendar_days.center_id
            and recorded_quarters.year = calendar_days.year
            and recorded_quarters.quarter = calendar_days.quarter
    cross join metric_settings as settings
    where calendar_days.month_date <= settings.as_of_date

),

person_families as (

    select
        people.center_id,
        people.person_id,
        people.staff_no,
        people.name,
        people.department,
        people.post_name,
        people.start_date,
        people.leave_date,
        coalesce(
            by_post.post_family_code,
            by_family.post_family_code,
            fallback.post_family_code
        ) as post_family_code

    from people
    left join kpi_post_family_map as by_post
        on trim(people.post_name) = by_post.post_name
    left join kpi_post_families as by_family
        on people.post_family = by_family.post_family
    inner join kpi_post_families as fallback
        on fallback.is_default

),

person_months as (

    select
        person_families.center_id,
        person_families.person_id,
        quarter_months.year,
        quarter_months.quarter,
        quarter_months.month_date,
        coalesce(
            person_families.start_date <= last_day(quarter_months.month_date),
            true
        )
        and (
            person_families.leave_date is null
            or person_families.leave_date >= quarter_months.month_date
        ) as is_on_duty

    from person_families
    inner join quarter_months
        on person_families.center_id = quarter_months.center_id

),

records_by_person_month as (

    select
        monthly_records.center_id,
        staff_numbers.person_id,
        monthly_records.month as month_date,
        avg(monthly_records.morality_score) as morality_score,
        avg(monthly_records.competence_score) as competence_score,
        avg(monthly_records.diligence_score) as diligence_score,
        avg(monthly_records.achievement_score) as achievement_score,
        avg(monthly_records.integrity_score) as integrity_score

    from monthly_records
    inner join staff_numbers
        on
            monthly_records.center_id = staff_numbers.center_id
            and monthly_records.staff_no = staff_numbers.staff_no
    group by all

),

quarter_totals as (

    select
        person_months.center_id,
        person_months.person_id,
        person_months.year,
        person_months.quarter,
        count(*) filter (where person_months.is_on_duty) as months_on_duty,
        count(records.month_date) as record_month_count,
        avg(records.morality_score) as morality_score,
        avg(records.competence_score) as competence_score,
        avg(records.diligence_score) as diligence_score,
        avg(records.achievement_score) as record_achievement_score,
        avg(records.integrity_score) as integrity_score

    from person_months
    left join records_by_person_month as records
        on
            person_months.center_id = records.center_id
            and person_months.person_id = records.person_id
            and person_months.month_date = records.month_date
    group by all

),

final as (

    select
        quarter_totals.center_id,
        quarter_totals.person_id,
        person_families.staff_no,
        person_families.name,
        person_families.department,
        person_families.post_name,
        person_families.post_family_code,
        quarter_totals.year,
        quarter_totals.quarter,
        quarter_totals.year * 4 + quarter_totals.quarter - 1
            as quarter_index,
        cast(quarter_totals.months_on_duty as integer) as months_on_duty,
        cast(quarter_totals.record_month_count as integer)
            as record_month_count,
        quarter_totals.morality_score,
        quarter_totals.competence_score,
        quarter_totals.diligence_score,
        quarter_totals.record_achievement_score,
        quarter_totals.integrity_score

    from quarter_totals
    inner join person_families
        on
            quarter_totals.center_id = person_families.center_id
            and quarter_totals.person_id = person_families.person_id
    where
        quarter_totals.months_on_duty > 0
        or quarter_totals.record_month_count > 0

)

select * from final
