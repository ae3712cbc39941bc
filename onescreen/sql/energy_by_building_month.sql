-- Energy of each building in each month in kgce, per m² and per person,
-- against the same month of the baseline year.
create or replace table energy_by_building_month as

with

energy_facts as (

    select * from energy_facts

),

buildings as (

    select * from buildings

),

metric_settings as (

    select * from metric_settings

),

by_month as (

    select
        center_id,
        building_id,
        year,
        month,
        month_date,
        sum(kgce) filter (where is_energy) as kgce,
        sum(base_quantity) filter (where energy_type = '水') as water_m3,
        count(*) filter (where not is_unit_known) as unknown_unit_count

    from energy_facts
    group by center_id, building_id, year, month, month_date

),

final as (

    select
        by_month.center_id,
        by_month.building_id,
        buildings.building_name,
        by_month.year,
        by_month.month,
        by_month.month_date,
        by_month.kgce,
        by_month.water_m3,
        by_month.unknown_unit_count,
        buildings.floor_area_m2,
        buildings.occupant_count,
        by_month.kgce / nullif(buildings.floor_area_m2, 0) as kgce_per_m2,
        by_month.kgce / nullif(buildings.occupant_count, 0)
            as kgce_per_person,
        baseline.kgce as baseline_kgce,
        by_month.kgce / nullif(baseline.kgce, 0) - 1 as change_ratio

    from by_month
    cross join metric_settings as settings
    left join by_month as baseline
        on
            by_month.center_id = baseline.center_id
            and by_month.building_id = baseline.building_id
            and by_month.month = baseline.month
            and baseline.year = settings.baseline_year
    left join buildings
        on
            by_month.center_id = buildings.center_id
            and by_month.building_id = buildings.building_id

)

select * from final
