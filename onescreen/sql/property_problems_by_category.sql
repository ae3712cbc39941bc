-- Property problems by category and lead department: found, resolved, days
-- open.
create or replace table property_problems_by_category as

with

property_problem_facts as (

    select * from property_problem_facts

),

final as (

    select
        center_id,
        category,
        lead_department,
        count(*) as found_count,
        count(*) filter (where not is_open) as resolved_count,
        count(*) filter (where is_open) as open_count,
        count(*) filter (where not is_open) / count(*) as closed_loop_ratio,
        median(days_open) as median_days_open,
        max(days_open) filter (where is_open) as longest_open_days

    from property_problem_facts
    group by center_id, category, lead_department

)

select * from final
