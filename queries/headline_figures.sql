-- The headline figures of year $year for the center of the build, in one row.
with

build_info as (

    select * from build_info

),

registration_progress as (

    select * from registration_progress

),

fleet_utilisation_by_year as (

    select * from fleet_utilisation_by_year

),

trip_service_by_year as (

    select * from trip_service_by_year

),

satisfaction_by_year as (

    select * from satisfaction_by_year

),

final as (

    select
        build_info.center_id,
        cast($year as integer) as year,
        build_info.as_of_date,
        progress.progress_ratio as registration_progress_ratio,
        coalesce(progress.registered_area_m2, 0) as registered_area_m2,
        progress.target_area_m2,
        -- Deductions trim the whole task, so the headline counts them to date.
        coalesce(progress.deducted_to_date_count, 0) as deducted_count,
        coalesce(progress.deducted_to_date_area_m2, 0) as deducted_area_m2,
        coalesce(progress.certificates_issued_count, 0)
            as certificates_issued_count,
        fleet.utilisation_ratio as fleet_utilisation_ratio,
        fleet.yoy_change_ratio as fleet_utilisation_yoy_change_ratio,
        fleet.yoy_change_points as fleet_utilisation_yoy_change_points,
        trips.fulfilment_ratio,
        reviews.satisfaction_ratio

    from build_info
    left join registration_progress as progress
        on
            build_info.center_id = progress.center_id
            and progress.year = $year
    left join fleet_utilisation_by_year as fleet
        on
            build_info.center_id = fleet.center_id
            and fleet.year = $year
    left join trip_service_by_year as trips
        on
            build_info.center_id = trips.center_id
            and trips.year = $year
    left join satisfaction_by_year as reviews
        on
            build_info.center_id = reviews.center_id
            and reviews.year = $year

)

select * from final
