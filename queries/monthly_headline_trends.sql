-- The headline figures of each of the twelve months up to $end_date, for the
-- trend lines of the overview's tiles (whole center, one row per month).
with

calendar_days as (

    select * from calendar_days

),

fleet_utilisation_by_month as (

    select * from fleet_utilisation_by_month

),

trip_service_by_month as (

    select * from trip_service_by_month

),

satisfaction_by_month as (

    select * from satisfaction_by_month

),

energy_by_building_month as (

    select * from energy_by_building_month

),

property_problem_facts as (

    select * from property_problem_facts

),

building_register as (

    select * from building_register

),

target_values as (

    select * from target_values

),

months as (

    select distinct
        center_id,
        month_date,
        last_day(month_date) as month_end_date
    from calendar_days
    where
        month_date <= cast($end_date as date)
        and month_date
        > cast($end_date as date) - interval 12 month

),

energy as (

    select
        center_id,
        month_date,
        sum(kgce) as kgce,
        sum(kgce) filter (where baseline_kgce is not null)
        / nullif(sum(baseline_kgce), 0) - 1 as energy_change_ratio
    from energy_by_building_month
    group by center_id, month_date

),

open_problems as (

    select
        months.center_id,
        months.month_date,
        count(problems.issue_id) as open_problem_count
    from months
    left join property_problem_facts as problems
        on
            months.center_id = problems.center_id
            and problems.found_date <= months.month_end_date
            and (
                problems.resolved_date is null
                or problems.resolved_date > months.month_end_date
            )
    group by months.center_id, months.month_date

),

registration as (

    select
        months.center_id,
        months.month_date,
        sum(buildings.floor_area_m2) filter (
            where buildings.certificate_date <= months.month_end_date
        ) as registered_area_m2
    from months
    left join building_register as buildings
        on
            months.center_id = buildings.center_id
            and buildings.task_year = year(months.month_date)
            and not buildings.is_deducted
    group by months.center_id, months.month_date

),

final as (

    select
        months.center_id,
        months.month_date,
        fleet.utilisation_ratio,
        trips.fulfilment_ratio,
        reviews.satisfaction_ratio,
        energy.kgce,
        energy.energy_change_ratio,
        open_problems.open_problem_count,
        coalesce(registration.registered_area_m2, 0)
        / nullif(targets.target_value, 0) as registration_progress_ratio

    from months
    left join fleet_utilisation_by_month as fleet
        on
            months.center_id = fleet.center_id
            and months.month_date = fleet.month_date
    left join trip_service_by_month as trips
        on
            months.center_id = trips.center_id
            and months.month_date = trips.month_date
    left join satisfaction_by_month as reviews
        on
            months.center_id = reviews.center_id
            and months.month_date = reviews.month_date
    left join energy
        on
            months.center_id = energy.center_id
            and months.month_date = energy.month_date
    left join open_problems
        on
            months.center_id = open_problems.center_id
            and months.month_date = open_problems.month_date
    left join registration
        on
            months.center_id = registration.center_id
            and months.month_date = registration.month_date
    left join target_values as targets
        on
            months.center_id = targets.center_id
            and targets.year = year(months.month_date)
            and targets.metric = 'registration_area_m2'

)

select * from final
order by center_id, month_date
