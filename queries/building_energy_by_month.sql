-- The energy of building $building_id (null: every building) in each month
-- of $year, against the same month of the baseline year.
with

energy_by_building_month as (

    select * from energy_by_building_month

),

final as (

    select
        center_id,
        building_id,
        building_name,
        month_date,
        kgce,
        baseline_kgce,
        change_ratio

    from energy_by_building_month
    where
        year = $year
        and ($building_id is null or building_id = $building_id)

)

select * from final
order by building_id, month_date
