-- Registration progress of each center in task year $year, one row per center.
with

centers as (

    select * from centers

),

registration_progress as (

    select * from registration_progress

),

final as (

    select
        centers.center_id,
        cast($year as integer) as year,
        progress.target_area_m2,
        progress.target_count,
        coalesce(progress.registered_area_m2, 0) as registered_area_m2,
        coalesce(progress.registered_count, 0) as registered_count,
        progress.progress_ratio,
        progress.count_progress_ratio,
        coalesce(progress.certificates_issued_count, 0)
            as certificates_issued_count,
        coalesce(progress.certificates_issued_area_m2, 0)
            as certificates_issued_area_m2,
        coalesce(progress.surveyed_count, 0) as surveyed_count,
        coalesce(progress.surveyed_area_m2, 0) as surveyed_area_m2,
        coalesce(progress.deducted_count, 0) as deducted_count,
        coalesce(progress.deducted_area_m2, 0) as deducted_area_m2,
        coalesce(progress.deducted_to_date_count, 0)
            as deducted_to_date_count,
        coalesce(progress.deducted_to_date_area_m2, 0)
            as deducted_to_date_area_m2,
        progress.elapsed_share,
        progress.pace_gap_points,
        progress.projected_ratio

    from centers
    left join registration_progress as progress
        on
            centers.center_id = progress.center_id
            and progress.year = $year

)

select * from final
order by center_id
