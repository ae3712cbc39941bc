-- Every property problem of building $building_id (null: every building),
-- open ones first.
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
        found_date,
        resolved_date,
        is_open,
        days_open,
        lead_department,
        description

    from property_problem_facts
    where $building_id is null or building_id = $building_id

)

select * from final
order by is_open desc, found_date, issue_id
