-- Energy of each building from $start_date to $end_date in kgce, per m² and
-- per person, against the same months of the baseline year.
with

energy_by_building_month as (

    select * from energy_by_building_month

),

period_months as (

    select * from energy_by_building_month
    where month_date between $start_date and $end_date

),

by_building as (

    select
        center_id,
        building_id,
        any_value(building_name) as building_name,
        any_value(floor_area_m2) as floor_area_m2,
        any_value(occupant_count) as occupant_count,
        count(*) as month_count,
        sum(kgce) as kgce,
        sum(water_m3) as water_m3,
        sum(kgce) filter (where baseline_kgce is not null)
            as comparable_kgce,
        sum(baseline_kgce) as baseline_kgce

    from period_months
    group by center_id, building_id

),

final as (

    select
        center_id,
        building_id,
        building_name,
        floor_area_m2,
        occupant_count,
        month_count,
        kgce,
        water_m3,
        kgce / nullif(floor_area_m2, 0) as kgce_per_m2,
        kgce / nullif(occupant_count, 0) as kgce_per_person,
        comparable_kgce,
        baseline_kgce,
        comparable_kgce / nullif(baseline_kgce, 0) - 1 as change_ratio,
        coalesce(comparable_kgce > baseline_kgce, false)
            as is_above_baseline

    from by_building

)

select * from final
order by center_id, change_ratio desc nulls last, building_id
