-- Property problems found by $end_date by category and lead department:
-- found, resolved and open at $end_date, closed-loop ratio and days open,
-- for $lead_department (null: all).
with

property_problem_facts as (

    select * from property_problem_facts

),

problems as (

    select
        center_id,
        category,
        lead_department,
        resolved_date is not null
        and resolved_date <= cast($end_date as date) as is_resolved,
        coalesce(
            least(resolved_date, cast($end_date as date)),
            cast($end_date as date)
        ) - found_date as days_open
    from property_problem_facts
    where
        found_date <= cast($end_date as date)
        and (
            cast($lead_department as varchar) is null
            or lead_department = $lead_department
        )

),

final as (

    select
        center_id,
        category,
        lead_department,
        count(*) as found_count,
        count(*) filter (where is_resolved) as resolved_count,
        count(*) filter (where not is_resolved) as open_count,
        count(*) filter (where is_resolved) / count(*) as closed_loop_ratio,
        median(days_open) as median_days_open,
        max(days_open) filter (where not is_resolved) as longest_open_days

    from problems
    group by center_id, category, lead_department

)

select * from final
order by center_id, open_count desc, category, lead_department
