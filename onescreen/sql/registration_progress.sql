-- Registration progress of each center in each task year: certificates
-- issued against the target, deductions, and pace against the year elapsed.
create or replace table registration_progress as

with

building_register as (

    select * from building_register

),

target_values as (

    select * from target_values

),

metric_settings as (

    select * from metric_settings

),

task_years as (

    select distinct
        center_id,
        task_year as year

    from building_register
    where task_year is not null

    union

    select distinct
        center_id,
        year

    from target_values
    where metric in ('registration_area_m2', 'registration_count')

),

targets as (

    select
        center_id,
        year,
        max(target_value) filter (where metric = 'registration_area_m2')
            as target_area_m2,
        max(target_value) filter (where metric = 'registration_count')
            as target_count

    from target_values
    group by center_id, year

),

task_buildings as (

    select
        building_register.*,
        not building_register.is_deducted
        and building_register.certificate_year = building_register.task_year
        and building_register.certificate_date <= settings.as_of_date
            as is_registered_in_task_year

    from building_register
    cross join metric_settings as settings
    where building_register.task_year is not null

),

tasks as (

    select
        center_id,
        task_year as year,
        count(*) as surveyed_count,
        sum(floor_area_m2) as surveyed_area_m2,
        count(*) filter (where is_deducted) as deducted_count,
        sum(floor_area_m2) filter (where is_deducted) as deducted_area_m2,
        count(*) filter (where is_registered_in_task_year) as registered_count,
        sum(floor_area_m2) filter (where is_registered_in_task_year)
            as registered_area_m2

    from task_buildings
    group by center_id, task_year

),

certificates as (

    select
        building_register.center_id,
        building_register.certificate_year as year,
        count(*) as certificates_issued_count,
        sum(building_register.floor_area_m2) as certificates_issued_area_m2

    from building_register
    cross join metric_settings as settings
    where building_register.certificate_date <= settings.as_of_date
    group by building_register.center_id, building_register.certificate_year

),

-- The deductions trim the whole task, so they are also counted up to each
-- year.
deducted_to_date as (

    select
        task_years.center_id,
        task_years.year,
        count(building_register.building_id) as deducted_to_date_count,
        sum(building_register.floor_area_m2) as deducted_to_date_area_m2

    from task_years
    left join building_register
        on
            task_years.center_id = building_register.center_id
            and building_register.is_deducted
            and coalesce(building_register.task_year, task_years.year)
            <= task_years.year
    group by task_years.center_id, task_years.year

),

measured as (

    select
        task_years.center_id,
        task_years.year,
        targets.target_area_m2,
        targets.target_count,
        coalesce(tasks.surveyed_count, 0) as surveyed_count,
        coalesce(tasks.surveyed_area_m2, 0) as surveyed_area_m2,
        coalesce(tasks.registered_count, 0) as registered_count,
        coalesce(tasks.registered_area_m2, 0) as registered_area_m2,
        coalesce(certificates.certificates_issued_count, 0)
            as certificates_issued_count,
        coalesce(certificates.certificates_issued_area_m2, 0)
            as certificates_issued_area_m2,
        coalesce(tasks.deducted_count, 0) as deducted_count,
        coalesce(tasks.deducted_area_m2, 0) as deducted_area_m2,
        deducted_to_date.deducted_to_date_count,
        coalesce(deducted_to_date.deducted_to_date_area_m2, 0)
            as deducted_to_date_area_m2,
        case
            when task_years.year < settings.as_of_year then 1.0
            when task_years.year > settings.as_of_year then 0.0
            else
                dayofyear(settings.as_of_date)
                / date_diff(
                    'day',
                    make_date(task_years.year, 1, 1),
                    make_date(task_years.year + 1, 1, 1)
                )
        end as elapsed_share,
        settings.projected_ratio_cap

    from task_years
    cross join metric_settings as settings
    left join targets
        on
            task_years.center_id = targets.center_id
            and task_years.year = targets.year
    left join tasks
        on
            task_years.center_id = tasks.center_id
            and task_years.year = tasks.year
    left join certificates
        on
            task_years.center_id = certificates.center_id
            and task_years.year = certificates.year
    left join deducted_to_date
        on
            task_years.center_id = deducted_to_date.center_id
            and task_years.year = deducted_to_date.year

),

final as (

    select
        center_id,
        year,
        target_area_m2,
        target_count,
        registered_area_m2,
        registered_count,
        registered_area_m2 / nullif(target_area_m2, 0) as progress_ratio,
        registered_count / nullif(target_count, 0) as count_progress_ratio,
        certificates_issued_count,
        certificates_issued_area_m2,
        surveyed_count,
        surveyed_area_m2,
        deducted_count,
        deducted_area_m2,
        deducted_to_date_count,
        deducted_to_date_area_m2,
        elapsed_share,
        (registered_area_m2 / nullif(target_area_m2, 0) - elapsed_share)
        * 100 as pace_gap_points,
        -- A projection early in the year can run wild; it is capped.
        least(
            registered_area_m2
            / nullif(target_area_m2, 0)
            / nullif(elapsed_share, 0),
            projected_ratio_cap
        ) as projected_ratio

    from measured

)

select * from final
