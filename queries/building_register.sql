-- Every building with its registration stage, certificate and open problems.
with

building_register as (

    select * from building_register

),

final as (

    select
        center_id,
        building_id,
        building_name,
        address,
        latitude,
        longitude,
        user_unit,
        floor_area_m2,
        built_year,
        occupant_count,
        task_year,
        stage,
        stage_order,
        is_deducted,
        is_registered,
        stage_since_date,
        days_in_stage,
        certificate_no,
        certificate_date,
        certificate_year,
        deduction_reason,
        deduction_approval_no,
        problem_count,
        open_problem_count

    from building_register

)

select * from final
order by center_id, task_year, stage_order nulls last, building_id
