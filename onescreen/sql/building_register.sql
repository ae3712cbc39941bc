-- One row per building: where it is in the registration task, and its
-- problems.
create or replace table building_register as

with

buildings as (

    select * from buildings

),

registration_stages as (

    select * from registration_stages

),

property_problem_facts as (

    select * from property_problem_facts

),

metric_settings as (

    select * from metric_settings

),

problems as (

    select
        center_id,
        building_id,
        count(*) as problem_count,
        count(*) filter (where is_open) as open_problem_count

    from property_problem_facts
    group by center_id, building_id

),

final as (

    select
        buildings.center_id,
        buildings.building_id,
        buildings.building_name,
        buildings.address,
        buildings.latitude,
        buildings.longitude,
        buildings.floor_area_m2,
        buildings.built_year,
        buildings.user_unit,
        buildings.occupant_count,
        buildings.task_year,
        buildings.stage,
        registration_stages.stage_order,
        buildings.stage = '核减' as is_deducted,
        buildings.stage = '已登记' as is_registered,
        buildings.stage_since_date,
        case
            when buildings.stage_since_date <= settings.as_of_date
                then
                    date_diff(
                        'day', buildings.stage_since_date, settings.as_of_date
                    )
        end as days_in_stage,
        buildings.certificate_no,
        buildings.certificate_date,
        cast(year(buildings.certificate_date) as integer)
            as certificate_year,
        buildings.deduction_reason,
        buildings.deduction_approval_no,
        coalesce(problems.problem_count, 0) as problem_count,
        coalesce(problems.open_problem_count, 0) as open_problem_count

    from buildings
    cross join metric_settings as settings
    left join registration_stages
        on buildings.stage = registration_stages.stage
    left join problems
        on
            buildings.center_id = problems.center_id
            and buildings.building_id = problems.building_id

)

select * from final
