-- Energy of each center in each year in kgce, per m² and per person, and its
-- change against the same building-months of the baseline year (like for
-- like).
create or replace table energy_by_year as

with

energy_by_building_month as (

    select * from energy_by_building_month

),

building_years as (

    select
        center_id,
        year,
        building_id,
        any_value(floor_area_m2) as floor_area_m2,
        any_value(occupant_count) as occupant_count

    from energy_by_building_month
    group by center_id, year, building_id

),

sizes as (

    select
        center_id,
        year,
        count(*) as building_count,
        sum(floor_area_m2) as floor_area_m2,
        cast(sum(occupant_count) as bigint) as occupant_count

    from building_years
    group by center_id, year

),

totals as (

    select
        center_id,
        year,
        count(distinct month) as month_count,
        sum(kgce) as kgce,
        sum(water_m3) as water_m3,
        sum(kgce) filter (where baseline_kgce is not null)
            as comparable_kgce,
        sum(baseline_kgce) as baseline_kgce

    from energy_by_building_month
    group by center_id, year

),

final as (

    select
        totals.center_id,
        totals.year,
        totals.month_count,
        sizes.building_count,
        totals.kgce,
        totals.water_m3,
        sizes.floor_area_m2,
        sizes.occupant_count,
        totals.kgce / nullif(sizes.floor_area_m2, 0) as kgce_per_m2,
        totals.kgce / nullif(sizes.occupant_count, 0) as kgce_per_person,
        totals.comparable_kgce,
        totals.baseline_kgce,
        totals.comparable_kgce / nullif(totals.baseline_kgce, 0) - 1
            as change_ratio

    from totals
    inner join sizes
        on
            totals.center_id = sizes.center_id
            and totals.year = sizes.year

)

select * from final
