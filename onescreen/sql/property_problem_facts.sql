-- One row per property problem found up to the cut-off: open or not, days
-- open.
create or replace table property_problem_facts as

with

property_issues as (

    select * from property_issues

),

buildings as (

    select * from buildings

),

metric_settings as (

    select * from metric_settings

),

dated as (

    select
        property_issues.*,
        property_issues.resolved_date is null
        or property_issues.resolved_date > settings.as_of_date as is_open,
        settings.as_of_date

    from property_issues
    cross join metric_settings as settings
    where property_issues.found_date <= settings.as_of_date

),

final as (

    select
        dated.center_id,
        dated.issue_id,
        dated.building_id,
        buildings.building_name,
        buildings.task_year,
        dated.category,
        dated.found_date,
        cast(year(dated.found_date) as integer) as found_year,
        dated.lead_department,
        case when not dated.is_open then dated.resolved_date end
            as resolved_date,
        dated.is_open,
        date_diff(
            'day',
            dated.found_date,
            case
                when dated.is_open then dated.as_of_date
                else dated.resolved_date
            end
        ) as days_open,
        dated.description

    from dated
    left join buildings
        on
            dated.center_id = buildings.center_id
            and dated.building_id = buildings.building_id

)

select * from final
