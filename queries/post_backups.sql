-- Every post of $department (null: all) with its A-post holder and whether a
-- B-post backup is on duty.
with

post_backup_coverage as (

    select * from post_backup_coverage

),

final as (

    select
        center_id,
        post_id,
        post_name,
        department,
        post_family,
        a_staff_no,
        a_name,
        is_a_on_duty,
        b_staff_no,
        b_name,
        is_b_on_duty,
        has_b_post,
        is_b_covered

    from post_backup_coverage
    where $department is null or department = $department

)

select * from final
order by center_id, is_b_covered, post_id
