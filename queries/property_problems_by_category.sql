-- Property problems by category and lead department, with the closed-loop
-- ratio.
with

property_problems_by_category as (

    select * from property_problems_by_category

),

final as (

    select
        center_id,
        category,
        lead_department,
        found_count,
        resolved_count,
        open_count,
        closed_loop_ratio,
        median_days_open,
        longest_open_days

    from property_problems_by_category

)

select * from final
order by center_id, open_count desc, category, lead_department
