-- Buildings of each task year that reached at least each stage, with 核减
-- (deducted from the task) as its own branch.
create or replace table registration_funnel as

with

building_register as (

    select * from building_register

),

registration_stages as (

    select * from registration_stages

),

task_years as (

    select distinct
        center_id,
        task_year as year

    from building_register
    where task_year is not null

),

stage_rows as (

    select
        task_years.center_id,
        task_years.year,
        registration_stages.stage,
        registration_stages.stage_order,
        registration_stages.funnel_order,
        registration_stages.is_branch

    from task_years
    cross join registration_stages

),

final as (

    select
        stage_rows.center_id,
        stage_rows.year,
        stage_rows.stage,
        stage_rows.funnel_order,
        stage_rows.is_branch,
        count(building_register.building_id) as building_count,
        coalesce(sum(building_register.floor_area_m2), 0) as area_m2

    from stage_rows
    left join building_register
        on
            stage_rows.center_id = building_register.center_id
            and stage_rows.year = building_register.task_year
            -- Every building of the task was surveyed, deducted or not; past
            -- the survey the deducted ones leave the main line.
            and case
                when stage_rows.is_branch then building_register.is_deducted
                when stage_rows.stage_order = 1 then true
                else
                    not building_register.is_deducted
                    and building_register.stage_order >= stage_rows.stage_order
            end
    group by
        stage_rows.center_id,
        stage_rows.year,
        stage_rows.stage,
        stage_rows.funnel_order,
        stage_rows.is_branch

)

select * from final
