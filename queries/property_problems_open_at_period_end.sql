-- Property problems still open at $end_date, longest open first, for
-- $lead_department (null: all).
with

property_problem_facts as (

    select * from property_problem_facts

),

final as (

    select
        center_id,
        issue_id,
        building_id,
        building_name,
        category,
        lead_department,
        found_date,
        cast($end_date as date) - found_date as days_open,
        description

    from property_problem_facts
    where
        found_date <= cast($end_date as date)
        and (
            resolved_date is null
            or resolved_date > cast($end_date as date)
        )
        and (
            cast($lead_department as varchar) is null
            or lead_department = $lead_department
        )

)

select * from final
order by center_id, days_open desc, issue_id
