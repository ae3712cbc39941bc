-- Every center that appears in the build or in any source.
create or replace table centers as

with

build_info as (

    select * from build_info

),

source_centers as (

    select center_id from staff_established
    union select center_id from staff_contract
    union select center_id from posts
    union select center_id from payroll
    union select center_id from monthly_records
    union select center_id from training
    union select center_id from service_reviews
    union select center_id from vehicles
    union select center_id from trips
    union select center_id from energy_readings
    union select center_id from buildings
    union select center_id from property_issues
    union select center_id from targets

),

final as (

    select
        all_centers.center_id,
        all_centers.center_id in (select center_id from build_info)
            as is_build_center

    from (
        select center_id from build_info
        union
        select center_id from source_centers
    ) as all_centers

    where all_centers.center_id is not null

)

select * from final
