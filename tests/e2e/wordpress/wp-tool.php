<?php
// Drives the test site from the command line, through WordPress's own functions:
//   php wp-tool.php SITE_DIR COMMAND [JSON]
// Prints one JSON object. The clock is the process's (the test runs it under faketime).
// Commands:
//   install             wp_install, Paris time zone, activate the plugin, an application password
//   setup               the policy's terms (the plugin's taxonomy exists from here on)
//   classic-editor      post-new.php then post.php?action=editpost: edit_post() with the form's fields
//   insert              wp_insert_post(JSON) as the logged-in editor (tax_input as the classic editor sends it)
//   decide              blackout_decide(JSON verdict) from the plugin
//   post                a post's status, dates, terms and blackout notice

if ($argc < 3) {
    fwrite(STDERR, "usage: php wp-tool.php SITE_DIR COMMAND [JSON]\n");
    exit(2);
}
$site = rtrim($argv[1], '/');
$command = $argv[2];
$input = isset($argv[3]) ? json_decode($argv[3], true) : null;

if ($command === 'install') {
    define('WP_INSTALLING', true);
}
$_SERVER['HTTP_HOST'] = 'localhost';
$_SERVER['REQUEST_URI'] = '/';
require $site . '/wp-load.php';

function out($value)
{
    echo json_encode($value, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
    exit(0);
}

function post_state($id)
{
    clean_post_cache($id);
    $post = get_post($id);
    $terms = wp_get_object_terms($id, 'electoral_category', array('fields' => 'slugs'));
    $cron = wp_next_scheduled('publish_future_post', array((int) $id));
    return array(
        'id' => (int) $id,
        'status' => $post->post_status,
        'date' => $post->post_date,
        'date_gmt' => $post->post_date_gmt,
        'terms' => is_wp_error($terms) ? $terms->get_error_code() : $terms,
        'notice' => get_post_meta($id, '_blackout_notice', true),
        'cron' => $cron === false ? null : gmdate('Y-m-d H:i:s', $cron),
    );
}

switch ($command) {
    case 'install':
        require_once ABSPATH . 'wp-admin/includes/upgrade.php';
        require_once ABSPATH . 'wp-admin/includes/plugin.php';
        $installed = wp_install('blackout e2e', 'editor', 'editor@example.test', false, '', 'not-used-password-123');
        update_option('timezone_string', 'Europe/Paris');
        wp_set_current_user($installed['user_id']);
        // WordPress refuses activation when the plugin's Requires PHP / Requires at least are not met.
        $activated = activate_plugin('blackout-check/blackout-check.php');
        if (is_wp_error($activated)) {
            out(array('error' => $activated->get_error_message()));
        }
        list($password) = WP_Application_Passwords::create_new_application_password($installed['user_id'], array('name' => 'e2e'));
        out(array('user' => 'editor', 'userId' => $installed['user_id'], 'appPassword' => $password, 'active' => is_plugin_active('blackout-check/blackout-check.php'), 'plugin' => get_plugin_data(WP_PLUGIN_DIR . '/blackout-check/blackout-check.php', false, false)));
        // no break: out() exits
    case 'setup':
        $ids = array();
        foreach (array('poll', 'propaganda', 'politique') as $slug) {
            $term = wp_insert_term($slug, 'electoral_category', array('slug' => $slug));
            if (is_wp_error($term)) {
                out(array('error' => $term->get_error_message()));
            }
            $ids[$slug] = $term['term_id'];
        }
        out(array('terms' => $ids));
        // no break
    case 'classic-editor':
        require_once ABSPATH . 'wp-admin/includes/admin.php';
        wp_set_current_user(1);
        // post-new.php: an auto-draft the form is then saved into.
        $draft = get_default_post_to_edit('post', true);
        // The fields the classic editor's form posts when Publish is clicked (category boxes ticked in the same click).
        $_POST = array(
            'post_ID' => (string) $draft->ID,
            'post_type' => 'post',
            'post_author' => '1',
            'user_ID' => '1',
            'action' => 'editpost',
            'originalaction' => 'editpost',
            'original_post_status' => 'auto-draft',
            'auto_draft' => '1',
            'post_status' => 'draft',
            'hidden_post_status' => 'draft',
            'visibility' => 'public',
            'post_title' => $input['title'],
            'content' => $input['content'],
            'publish' => 'Publier',
            'tax_input' => array('electoral_category' => array_merge(array('0'), array_map('strval', $input['terms']))),
        );
        $_REQUEST = $_POST;
        $id = edit_post();
        out(post_state($id));
        // no break
    case 'insert':
        wp_set_current_user(1);
        $id = wp_insert_post($input, true);
        if (is_wp_error($id)) {
            out(array('error' => $id->get_error_message()));
        }
        out(post_state($id));
        // no break
    case 'publish-direct':
        // What a plugin does that publishes a post without wp_insert_post: a draft, then wp_publish_post().
        wp_set_current_user(1);
        $id = wp_insert_post(array_merge($input, array('post_status' => 'draft')), true);
        if (is_wp_error($id)) {
            out(array('error' => $id->get_error_message()));
        }
        wp_publish_post($id);
        clean_post_cache($id);
        out(post_state($id));
        // no break
    case 'decide':
        out(blackout_decide($input));
        // no break
    case 'post':
        out(post_state((int) $input));
        // no break
    default:
        fwrite(STDERR, "unknown command $command\n");
        exit(2);
}
