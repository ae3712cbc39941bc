-- Property problems still open at the cut-off, longest open first.
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
        days_open,
        description

    from property_problem_facts
    where is_open

)

select * from final
order by center_id, days_open desc, issue_id
