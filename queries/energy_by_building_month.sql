-- Energy of each building in each month of year $year, against the same month
-- of the baseline year.
with

energy_by_building_month as (

    select * from energy_by_building_month

),

final as (

    select
        center_id,
        building_id,
        building_name,
        year,
        month_date,
        kgce,
        water_m3,
        floor_area_m2,
        occupant_count,
        kgce_per_m2,
        kgce_per_person,
        baseline_kgce,
        change_ratio,
        unknown_unit_count

    from energy_by_building_month
    where year = $year

)

select * from final
order by center_id, building_id, month_date
