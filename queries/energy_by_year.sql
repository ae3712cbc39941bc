-- Energy of each year in standard coal, per m² and per person, against the
-- baseline year.
with

energy_by_year as (

    select * from energy_by_year

),

final as (

    select
        center_id,
        year,
        month_count,
        building_count,
        kgce,
        water_m3,
        floor_area_m2,
        occupant_count,
        kgce_per_m2,
        kgce_per_person,
        comparable_kgce,
        baseline_kgce,
        change_ratio

    from energy_by_year

)

select * from final
order by center_id, year
