-- Energy of the center from $start_date to $end_date in kgce, per m² and per
-- person, against the same months of the baseline year.
with

centers as (

    select * from centers

),

metric_settings as (

    select * from metric_settings

),

energy_by_building_month as (

    select * from energy_by_building_month

),

by_building as (

    select
        center_id,
        building_id,
        any_value(floor_area_m2) as floor_area_m2,
        any_value(occupant_count) as occupant_count,
        sum(kgce) as kgce,
        sum(kgce) filter (where baseline_kgce is not null)
            as comparable_kgce,
        sum(baseline_kgce) as baseline_kgce

    from energy_by_building_month
    where month_date between $start_date and $end_date
    group by center_id, building_id

),

center_energy as (

    select
        center_id,
        count(*) as building_count,
        sum(kgce) as kgce,
        sum(floor_area_m2) as floor_area_m2,
        cast(sum(occupant_count) as bigint) as occupant_count,
        sum(comparable_kgce) as comparable_kgce,
        sum(baseline_kgce) as baseline_kgce,
        count(*) filter (
            where comparable_kgce > baseline_kgce
        ) as above_baseline_building_count

    from by_building
    group by center_id

),

final as (

    select
        centers.center_id,
        settings.baseline_year,
        coalesce(energy.building_count, 0) as building_count,
        energy.kgce,
        energy.floor_area_m2,
        energy.occupant_count,
        energy.kgce / nullif(energy.floor_area_m2, 0) as kgce_per_m2,
        energy.kgce / nullif(energy.occupant_count, 0) as kgce_per_person,
        energy.comparable_kgce,
        energy.baseline_kgce,
        energy.comparable_kgce / nullif(energy.baseline_kgce, 0) - 1
            as change_ratio,
        coalesce(energy.above_baseline_building_count, 0)
            as above_baseline_building_count

    from centers
    cross join metric_settings as settings
    left join center_energy as energy
        on centers.center_id = energy.center_id

)

select * from final
order by center_id
